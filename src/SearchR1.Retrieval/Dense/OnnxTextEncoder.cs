using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// A BERT-style encoder (E5, BGE, …) exported to ONNX: <c>model.onnx</c> with inputs <c>input_ids</c>,
/// <c>attention_mask</c> (and <c>token_type_ids</c> if it takes them) and output <c>last_hidden_state</c>, plus its
/// WordPiece tokenizer files. Pools (mean over the mask, or CLS) and L2-normalises as <see cref="EncoderOptions"/> says.
/// Thread-safe: ONNX Runtime sessions accept concurrent Run calls.
/// </summary>
public sealed class OnnxTextEncoder : ITextEncoder
{
    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly EncoderOptions _options;
    private readonly bool _takesTokenTypes;
    private readonly string _outputName;

    public OnnxTextEncoder(string folder, EncoderOptions? options = null)
    {
        _options = options ?? EncoderOptions.ForModel(folder);
        if (_options.Pooling is not ("mean" or "cls"))
        {
            throw new ArgumentException($"Encoder pooling '{_options.Pooling}': expected \"mean\" or \"cls\".", nameof(options));
        }
        string modelPath = File.Exists(Path.Combine(folder, "model.onnx"))
            ? Path.Combine(folder, "model.onnx")
            : Path.Combine(folder, "onnx", "model.onnx");
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"{folder}: no model.onnx (nor onnx/model.onnx)", modelPath);
        }
        _tokenizer = WordPieceTokenizer.Load(folder);
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_options.Threads > 0)
        {
            sessionOptions.IntraOpNumThreads = _options.Threads;
        }
        _session = new InferenceSession(modelPath, sessionOptions);
        _takesTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        foreach (string required in new[] { "input_ids", "attention_mask" })
        {
            if (!_session.InputMetadata.ContainsKey(required))
            {
                throw new InvalidDataException($"{modelPath}: input '{required}' missing; expected input_ids, attention_mask[, token_type_ids]");
            }
        }
        _outputName = _session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : _session.OutputMetadata.Keys.First();
        int[] outputShape = _session.OutputMetadata[_outputName].Dimensions;
        Dimension = outputShape[^1] > 0 ? outputShape[^1] : ProbeDimension();
    }

    public int Dimension { get; private set; }

    public EncoderOptions Options => _options;

    /// <summary>The token ids the encoder feeds the model for a text (prefix included).</summary>
    public int[] Tokenize(string text, bool isQuery) =>
        _tokenizer.Encode((isQuery ? _options.QueryPrefix : _options.PassagePrefix) + text, _options.MaxLength);

    public float[] Encode(IReadOnlyList<string> texts, bool isQuery, CancellationToken ct = default)
    {
        var result = new float[(long)texts.Count * Dimension];
        var tokenized = new int[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            tokenized[i] = Tokenize(texts[i], isQuery);
        }
        // Similar lengths share a batch, so little padding is computed.
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].Length).ToArray();
        for (int start = 0; start < order.Length; start += _options.BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            int[] batch = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray();
            EncodeBatch(batch.Select(i => tokenized[i]).ToArray(), batch, result);
        }
        return result;
    }

    private void EncodeBatch(int[][] ids, int[] rows, float[] result)
    {
        int batch = ids.Length;
        int length = ids.Max(x => x.Length);
        var inputIds = new long[batch * length];
        var mask = new long[batch * length];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < ids[b].Length; t++)
            {
                inputIds[b * length + t] = ids[b][t];
                mask[b * length + t] = 1;
            }
            for (int t = ids[b].Length; t < length; t++)
            {
                inputIds[b * length + t] = _tokenizer.PadId;
            }
        }
        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batch * length], shape) : null;
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue };
        if (typesValue is not null)
        {
            inputs["token_type_ids"] = typesValue;
        }
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, inputs, [_outputName]);
        ReadOnlySpan<float> hidden = outputs[0].GetTensorDataAsSpan<float>();
        int dim = Dimension;
        for (int b = 0; b < batch; b++)
        {
            Span<float> target = result.AsSpan(rows[b] * dim, dim);
            if (_options.Pooling == "cls")
            {
                hidden.Slice(b * length * dim, dim).CopyTo(target);
            }
            else
            {
                target.Clear();
                for (int t = 0; t < ids[b].Length; t++)
                {
                    TensorPrimitives.Add(target, hidden.Slice((b * length + t) * dim, dim), target);
                }
                TensorPrimitives.Divide(target, ids[b].Length, target);
            }
            if (_options.Normalize)
            {
                float norm = TensorPrimitives.Norm(target);
                // torch.nn.functional.normalize divides by max(norm, 1e-12).
                TensorPrimitives.Divide(target, MathF.Max(norm, 1e-12f), target);
            }
        }
    }

    private int ProbeDimension()
    {
        Dimension = 1;
        int[] ids = _tokenizer.Encode("probe", 8);
        long[] shape = [1, ids.Length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.Select(x => (long)x).ToArray(), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue };
        if (_takesTokenTypes)
        {
            inputs["token_type_ids"] = typesValue;
        }
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, inputs, [_outputName]);
        return (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
    }

    public void Dispose() => _session.Dispose();
}
