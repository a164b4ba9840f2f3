using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchR1.Retrieval.Bm25;

/// <summary>
/// Turns free text (written by a model, so anything at all) into a bag-of-words Lucene query the way Anserini
/// does: the analyzer's tokens, each distinct term once as a SHOULD <see cref="TermQuery"/> boosted by its count.
/// Unlike QueryParser nothing in the text is syntax (AND, quotes, colons, brackets are just words or dropped).
/// </summary>
internal sealed class Bm25QueryBuilder
{
    private readonly Analyzer _analyzer;
    private readonly IReadOnlyList<string> _fields;
    private readonly int _maxTerms;

    public Bm25QueryBuilder(Analyzer analyzer, IReadOnlyList<string> fields, int maxTerms)
    {
        _analyzer = analyzer;
        _fields = fields;
        _maxTerms = Math.Clamp(maxTerms, 1, BooleanQuery.MaxClauseCount);
    }

    /// <summary>The query, or null when the text has no searchable term (empty, only stop words or punctuation).</summary>
    public Query? Build(string text)
    {
        if (_fields.Count == 1)
        {
            return BuildForField(_fields[0], text);
        }
        var combined = new BooleanQuery(disableCoord: true);
        foreach (string field in _fields)
        {
            Query? perField = BuildForField(field, text);
            if (perField is not null)
            {
                combined.Add(perField, Occur.SHOULD);
            }
        }
        return combined.Clauses.Count == 0 ? null : combined;
    }

    /// <summary>The analysed terms of a text, in order of first appearance, with their counts.</summary>
    public List<KeyValuePair<string, int>> Terms(string field, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        using TokenStream stream = _analyzer.GetTokenStream(field, new StringReader(text));
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            string token = term.ToString();
            if (counts.TryGetValue(token, out int seen))
            {
                counts[token] = seen + 1;
            }
            else if (order.Count < _maxTerms)
            {
                counts[token] = 1;
                order.Add(token);
            }
        }
        stream.End();
        return order.Select(t => new KeyValuePair<string, int>(t, counts[t])).ToList();
    }

    private BooleanQuery? BuildForField(string field, string text)
    {
        List<KeyValuePair<string, int>> terms = Terms(field, text);
        if (terms.Count == 0)
        {
            return null;
        }
        var query = new BooleanQuery(disableCoord: true);
        foreach ((string token, int count) in terms)
        {
            query.Add(new TermQuery(new Term(field, token)) { Boost = count }, Occur.SHOULD);
        }
        return query;
    }
}
