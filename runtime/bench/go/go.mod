module gokata.dev/bench

go 1.19
