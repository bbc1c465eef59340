"""The paired difference the start-up scripts report: each round starts every variant once, so two variants'
difference is taken within each round, and the spread of those differences, not of the times, tells whether a
difference is the machine's noise."""
import random
import statistics


def median_difference(base, other):
    """Median of the per-round differences other - base, and a 95 % percentile-bootstrap interval of that median.

    base and other hold one value per round, in round order. With few rounds the interval is too narrow: in a
    simulation with normal noise it held the true median about 89 % of the time with 7 rounds, 93 % with 30."""
    differences = [b - a for a, b in zip(base, other)]
    generator = random.Random(1)  # the same interval for the same rounds, run after run
    resampled = sorted(statistics.median(generator.choices(differences, k=len(differences)))
                       for _ in range(2000))
    return statistics.median(differences), (resampled[50], resampled[1949])
