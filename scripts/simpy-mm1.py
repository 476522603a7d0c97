"""SimPy 3 side of the engine benchmark (npm run bench prints the engine's side): the same M/M/1,
lambda = 0.8, mu = 1, one server, FIFO, every customer's latency kept, timed for N customers.
Run: /usr/bin/python3 scripts/simpy-mm1.py [N]   (Debian: apt-get install -y python3-simpy3)."""
import random
import sys
import time

import simpy

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def run(n: int) -> float:
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    rng = random.Random(1)
    latencies = []

    def customer(env):
        arrived = env.now
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0))
        latencies.append(env.now - arrived)

    def source(env):
        for _ in range(n):
            env.process(customer(env))
            yield env.timeout(rng.expovariate(0.8))

    env.process(source(env))
    t0 = time.perf_counter()
    env.run()
    elapsed = time.perf_counter() - t0
    assert len(latencies) == n
    mean = sum(latencies) / n
    # M/M/1 mean time in system 1 / (mu - lambda) = 5: a check that this is the same model.
    print(f"SimPy {simpy.__version__}, M/M/1 ({n:,} customers, λ=0.8, μ=1): "
          f"{n / elapsed / 1e6:.3f} M customers/s ({elapsed:.2f} s); mean latency {mean:.2f} (theory 5)")
    return elapsed


best = min(run(N) for _ in range(3))
print(f"best of 3: {N / best / 1e6:.3f} M customers/s")
