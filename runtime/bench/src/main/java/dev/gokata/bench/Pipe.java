package dev.gokata.bench;

import com.softwaremill.jox.Channel;
import dev.gokata.runtime.Chan;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;

/** One channel implementation under test, reduced to the two operations every workload needs. */
interface Pipe {
    void put(Integer v) throws InterruptedException;

    Integer take() throws InterruptedException;

    /**
     * {@code spec} is {@code impl-capacity}: {@code gokata-16}, {@code jox-0}, {@code abq-1024}, {@code sq-0}.
     */
    static Pipe of(String spec) {
        int dash = spec.lastIndexOf('-');
        return of(spec.substring(0, dash), Integer.parseInt(spec.substring(dash + 1)));
    }

    static Pipe of(String impl, int capacity) {
        return switch (impl) {
            case "gokata" -> {
                Chan<Integer> ch = Chan.make(capacity);
                yield new Pipe() {
                    public void put(Integer v) {
                        ch.send(v);
                    }

                    public Integer take() {
                        return ch.recv();
                    }
                };
            }
            case "jox" -> {
                Channel<Integer> ch = capacity == 0 ? Channel.newRendezvousChannel()
                        : Channel.newBufferedChannel(capacity);
                yield new Pipe() {
                    public void put(Integer v) throws InterruptedException {
                        ch.send(v);
                    }

                    public Integer take() throws InterruptedException {
                        return ch.receive();
                    }
                };
            }
            case "abq" -> {
                var q = new ArrayBlockingQueue<Integer>(capacity);
                yield new Pipe() {
                    public void put(Integer v) throws InterruptedException {
                        q.put(v);
                    }

                    public Integer take() throws InterruptedException {
                        return q.take();
                    }
                };
            }
            case "sq" -> {
                if (capacity != 0) {
                    throw new IllegalArgumentException("SynchronousQueue is unbuffered only, got capacity " + capacity);
                }
                var q = new SynchronousQueue<Integer>();
                yield new Pipe() {
                    public void put(Integer v) throws InterruptedException {
                        q.put(v);
                    }

                    public Integer take() throws InterruptedException {
                        return q.take();
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown implementation " + impl
                    + "; expected gokata, jox, abq or sq");
        };
    }
}
