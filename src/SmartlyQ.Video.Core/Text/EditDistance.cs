using System;

namespace SmartlyQ.Video.Core.Text
{
    /// <summary>
    /// Optimal string alignment distance (restricted Damerau–Levenshtein): the fewest insertions, deletions,
    /// substitutions and swaps of two neighbouring characters that turn one string into the other, no substring
    /// edited twice. Ordinal: callers fold case first.
    /// </summary>
    public static class EditDistance
    {
        /// <summary>The OSA distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static int Osa(string a, string b)
        {
            if (a == null) throw new ArgumentNullException(nameof(a));
            if (b == null) throw new ArgumentNullException(nameof(b));

            // Three rows suffice: a swap looks back two rows.
            var previous2 = new int[b.Length + 1];
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        best = Math.Min(best, previous2[j - 2] + 1);
                    current[j] = best;
                }

                int[] recycled = previous2;
                previous2 = previous;
                previous = current;
                current = recycled;
            }

            return previous[b.Length];
        }
    }
}
