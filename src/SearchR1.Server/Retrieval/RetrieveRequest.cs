using System.Text.Json;

namespace SearchR1.Server.Retrieval;

/// <summary>A validated <c>POST /retrieve</c> body: <c>{"queries": [str], "topk": int|null, "return_scores": bool}</c>.</summary>
internal sealed record RetrieveRequest(IReadOnlyList<string> Queries, int TopK, bool ReturnScores)
{
    /// <summary>Parses and checks a body against the limits; a problem comes back as a <see cref="RequestError"/>.</summary>
    public static RetrieveRequest Parse(ReadOnlyMemory<byte> body, RetrievalServerOptions limits)
    {
        if (body.IsEmpty)
        {
            throw new RequestError(400, null, "the request body is empty; expected {\"queries\": [...], \"topk\": 3, \"return_scores\": true}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new RequestError(400, null, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RequestError(422, null, $"expected a JSON object, got {Describe(root.ValueKind)}");
            }
            return new RetrieveRequest(ReadQueries(root, limits), ReadTopK(root, limits), ReadReturnScores(root));
        }
    }

    private static string[] ReadQueries(JsonElement root, RetrievalServerOptions limits)
    {
        if (!root.TryGetProperty("queries", out JsonElement queries))
        {
            throw new RequestError(422, "queries", "missing; expected a list of query strings");
        }
        if (queries.ValueKind != JsonValueKind.Array)
        {
            throw new RequestError(422, "queries", $"expected a list of strings, got {Describe(queries.ValueKind)}");
        }
        int count = queries.GetArrayLength();
        if (count == 0)
        {
            throw new RequestError(422, "queries", "the list is empty; send at least one query");
        }
        if (count > limits.MaxQueries)
        {
            throw new RequestError(413, "queries", $"{count} queries in one request; the limit is {limits.MaxQueries} (split the batch)");
        }
        var result = new string[count];
        int i = 0;
        foreach (JsonElement query in queries.EnumerateArray())
        {
            if (query.ValueKind != JsonValueKind.String)
            {
                throw new RequestError(422, $"queries[{i}]", $"expected a string, got {Describe(query.ValueKind)}");
            }
            string text = query.GetString()!;
            if (text.Length > limits.MaxQueryChars)
            {
                throw new RequestError(413, $"queries[{i}]", $"{text.Length} characters; the limit is {limits.MaxQueryChars}");
            }
            result[i++] = text;
        }
        return result;
    }

    private static int ReadTopK(JsonElement root, RetrievalServerOptions limits)
    {
        if (!root.TryGetProperty("topk", out JsonElement topk) || topk.ValueKind == JsonValueKind.Null)
        {
            return limits.DefaultTopK;
        }
        if (topk.ValueKind != JsonValueKind.Number)
        {
            throw new RequestError(422, "topk", $"expected an integer or null, got {Describe(topk.ValueKind)}");
        }
        if (!topk.TryGetInt64(out long value))
        {
            if (!topk.TryGetDouble(out double real) || real != Math.Floor(real) || Math.Abs(real) > int.MaxValue)
            {
                throw new RequestError(422, "topk", $"expected an integer, got {topk.GetRawText()}");
            }
            value = (long)real;
        }
        if (value < 0)
        {
            throw new RequestError(422, "topk", $"must not be negative, got {value}");
        }
        if (value > limits.MaxTopK)
        {
            throw new RequestError(422, "topk", $"{value} is above the limit of {limits.MaxTopK}");
        }
        // 0, like null, means the server default (as in the original).
        return value == 0 ? limits.DefaultTopK : (int)value;
    }

    private static bool ReadReturnScores(JsonElement root)
    {
        if (!root.TryGetProperty("return_scores", out JsonElement flag) || flag.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return flag.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestError(422, "return_scores", $"expected true or false, got {Describe(flag.ValueKind)}"),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}

/// <summary>A request the server refuses: the HTTP status, the field at fault (if any) and what was expected.</summary>
internal sealed class RequestError(int status, string? field, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string? Field { get; } = field;
}
