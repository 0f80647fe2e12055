// The workloads of docs/benchmarks.md in Go, for a side-by-side run with the JMH benchmarks of runtime/bench:
//
//	cd runtime/bench/go && go test -bench . -benchtime 1s -count 3
//
// One op is one value (one round trip for PingPong, one select for Select*, one batch of 100 000 goroutines for
// Spawn100k and SpawnFirst100k), as in ChannelBench, SelectBench and SpawnBench.
package bench

import (
	"fmt"
	"sync"
	"testing"
)

func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			ping <- 42
			<-pong
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			pong <- <-ping
		}
	}()
	wg.Wait()
}

// producersConsumers moves b.N values over one channel of capacity c with k producers and k consumers.
func producersConsumers(b *testing.B, c, k int) {
	ch := make(chan int, c)
	var wg sync.WaitGroup
	for j := 0; j < k; j++ {
		startPair(&wg, ch, b.N/k+1)
	}
	wg.Wait()
}

// startPair starts a producer that sends n values on ch and a consumer that receives n, both counted in wg.
func startPair(wg *sync.WaitGroup, ch chan int, n int) {
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			ch <- 42
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			<-ch
		}
	}()
}

func BenchmarkSpsc(b *testing.B) {
	for _, c := range []int{0, 16, 1024} {
		b.Run(fmt.Sprintf("cap%d", c), func(b *testing.B) { producersConsumers(b, c, 1) })
	}
}

func BenchmarkMpmc8x8(b *testing.B) {
	for _, c := range []int{0, 16} {
		b.Run(fmt.Sprintf("cap%d", c), func(b *testing.B) { producersConsumers(b, c, 8) })
	}
}

// BenchmarkParallel10k moves b.N values in batches as ChannelBench.parallel10k does: 10 000 pairs, each with its own
// channel of capacity 16, move 100 values each; the goroutines are started anew for every batch, so their start is
// paid per 100 values on both sides.
func BenchmarkParallel10k(b *testing.B) {
	const pairs, perPair = 10_000, 100
	for moved := 0; moved < b.N; moved += pairs * perPair {
		var wg sync.WaitGroup
		for p := 0; p < pairs; p++ {
			startPair(&wg, make(chan int, 16), perPair)
		}
		wg.Wait()
	}
}

func BenchmarkSelect(b *testing.B) {
	for _, k := range []int{2, 4} {
		for _, c := range []int{0, 16} {
			b.Run(fmt.Sprintf("cases%d/cap%d", k, c), func(b *testing.B) { selectOver(b, k, c) })
		}
	}
}

// selectOver: k producers, each on its own channel of capacity c; one consumer selects over all k.
func selectOver(b *testing.B, k, c int) {
	chans := make([]chan int, k)
	each := b.N/k + 1
	for j := range chans {
		chans[j] = make(chan int, c)
		go func(ch chan int) {
			for i := 0; i < each; i++ {
				ch <- 42
			}
		}(chans[j])
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		values := 0
		for i := 0; i < each*k; i++ {
			switch k {
			case 2:
				select {
				case <-chans[0]:
				case <-chans[1]:
				}
			default:
				select {
				case <-chans[0]:
				case <-chans[1]:
				case <-chans[2]:
				case <-chans[3]:
				}
			}
			values++
		}
	}()
	<-done
}

// BenchmarkSelectReady2: one goroutine fills two channels of capacity 16 and selects them empty; one op = one send
// plus one select whose cases are ready (SelectBench.selectReady2).
func BenchmarkSelectReady2(b *testing.B) {
	a, c := make(chan int, 16), make(chan int, 16)
	for r := 0; r < b.N; r += 32 {
		for i := 0; i < 16; i++ {
			a <- 42
			c <- 42
		}
		for i := 0; i < 32; i++ {
			select {
			case <-a:
			case <-c:
			}
		}
	}
}

func BenchmarkSelectDefault2(b *testing.B) {
	a, c := make(chan int, 16), make(chan int, 16)
	done := make(chan int)
	go func() {
		defaults := 0
		for i := 0; i < b.N; i++ {
			select {
			case <-a:
			case <-c:
			default:
				defaults++
			}
		}
		done <- defaults
	}()
	<-done
}

func BenchmarkSpawn100k(b *testing.B) {
	spawnBatches(b, func(n int, ch chan int, wg *sync.WaitGroup) { go startSenders(n, ch, wg) })
}

// spawnBatches runs b.N batches: start (100 000 senders on ch, each calling wg.Done), then receive every value.
func spawnBatches(b *testing.B, start func(n int, ch chan int, wg *sync.WaitGroup)) {
	const n = 100_000
	for r := 0; r < b.N; r++ {
		ch := make(chan int)
		var wg sync.WaitGroup
		wg.Add(n)
		start(n, ch, &wg)
		for i := 0; i < n; i++ {
			<-ch
		}
		wg.Wait()
	}
}

// startSenders starts n goroutines that each send once on ch and call wg.Done.
func startSenders(n int, ch chan int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		go func() {
			ch <- 42
			wg.Done()
		}()
	}
}

// BenchmarkSpawnFirst100k is the reference measurements' spawn workload: one goroutine starts all 100 000 senders
// first and only then receives, so that every sender blocks before its value is taken.
func BenchmarkSpawnFirst100k(b *testing.B) {
	spawnBatches(b, startSenders)
}

// BenchmarkSpawnOnly starts 100 000 goroutines that only call wg.Done, then waits for them: the cost of a
// goroutine's start and end alone.
func BenchmarkSpawnOnly(b *testing.B) {
	const n = 100_000
	for r := 0; r < b.N; r++ {
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go wg.Done()
		}
		wg.Wait()
	}
}
