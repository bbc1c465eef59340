"""The paired difference the start-up scripts report: each round starts every variant once, so two variants'
difference is taken within each round, and the spread of those differences, not of the times, tells whether a
difference is the machine's noise."""
import math
import statistics


def median_difference(base, other):
    """Median of the per-round differences other - base, and an interval that holds the true median of such
    differences with at least 95 % probability, whatever their distribution, as long as the rounds are independent
    and their differences share one median (the scripts rotate the variants' order so that no place in a round
    favours one).

    base and other hold one value per round, in round order. The interval runs from the k-th smallest difference to
    the k-th largest, k as large as keeps the chance of the true median lying outside at 2.5 % a side at most (the
    sign test's order statistics: with 10 rounds the 2nd smallest to the 2nd largest, 97.9 %). Below 6 rounds no
    k reaches 95 %: a ValueError."""
    differences = sorted(b - a for a, b in zip(base, other))
    n = len(differences)
    k = order_statistic(n)
    if k == 0:
        raise ValueError(f"{n} rounds give no 95 % interval of the median difference; 6 is the fewest that do")
    return statistics.median(differences), (differences[k - 1], differences[n - k])


def order_statistic(n):
    """The largest k with P(Binomial(n, 1/2) < k) <= 2.5 %, or 0 when even k = 1 exceeds it."""
    k, below = 0, 0.0
    while k < n:
        below += math.comb(n, k) / 2 ** n  # now P(B <= k), i.e. P(B < k + 1)
        if below > 0.025:
            break
        k += 1
    return k
