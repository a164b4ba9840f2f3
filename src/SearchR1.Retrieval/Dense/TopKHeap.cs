namespace SearchR1.Retrieval.Dense;

/// <summary>
/// The k best (score, row) pairs seen so far: a min-heap whose root is the weakest kept hit. Equal scores rank
/// the lower row first, so results do not depend on how rows were split between threads.
/// </summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly long[] _rows;
    private int _count;

    public TopKHeap(int k)
    {
        _scores = new float[k];
        _rows = new long[k];
    }

    /// <summary>The weakest score kept once full (anything not above it cannot enter), else negative infinity.</summary>
    public float Threshold => _count == _scores.Length ? _scores[0] : float.NegativeInfinity;

    public void Add(float score, long row)
    {
        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _rows[_count] = row;
            SiftUp(_count++);
        }
        else if (Better(score, row, _scores[0], _rows[0]))
        {
            _scores[0] = score;
            _rows[0] = row;
            SiftDown(0);
        }
    }

    public void Merge(TopKHeap other)
    {
        for (int i = 0; i < other._count; i++)
        {
            Add(other._scores[i], other._rows[i]);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public ScoredRow[] ToSortedArray()
    {
        var result = new ScoredRow[_count];
        for (int i = 0; i < _count; i++)
        {
            result[i] = new ScoredRow(_rows[i], _scores[i]);
        }
        Array.Sort(result, (a, b) => Better(a.Score, a.Row, b.Score, b.Row) ? -1 : Better(b.Score, b.Row, a.Score, a.Row) ? 1 : 0);
        return result;
    }

    private static bool Better(float score, long row, float otherScore, long otherRow) =>
        score > otherScore || (score == otherScore && row < otherRow);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(_scores[parent], _rows[parent], _scores[i], _rows[i]))
            {
                break;
            }
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1;
            int right = left + 1;
            int weakest = i;
            if (left < _count && Better(_scores[weakest], _rows[weakest], _scores[left], _rows[left]))
            {
                weakest = left;
            }
            if (right < _count && Better(_scores[weakest], _rows[weakest], _scores[right], _rows[right]))
            {
                weakest = right;
            }
            if (weakest == i)
            {
                return;
            }
            Swap(i, weakest);
            i = weakest;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
