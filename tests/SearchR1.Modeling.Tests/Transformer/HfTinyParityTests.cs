using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Scoring;
using SearchR1.TestSupport;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Transformer;

[Conformance]
public class HfTinyParityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "qwen2-tiny", "5.x" },
        { "qwen2-tiny", "4.x" },
        { "llama3-tiny", "5.x" },
        { "llama3-tiny", "4.x" },
    };

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Logits_match_transformers_within_1e4_in_fp32(string model, string form)
    {
        using var lm = HfCheckpoint.LoadCausalLanguageModel(HfTinyFixture.Folder(model, form));
        var reference = HfTinyFixture.Reference(model);
        int[][] ids = HfTinyFixture.IntRows(reference["input_ids"]!);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor logits = lm.forward(tensor(ids.SelectMany(r => r.Select(v => (long)v)).ToArray(), [ids.Length, ids[0].Length]));
        float[] expected = reference["logits"]!.AsArray()
            .SelectMany(r => r!.AsArray().SelectMany(p => p!.AsArray().Select(v => v!.GetValue<float>()))).ToArray();
        double maxDifference = (logits - tensor(expected).view(logits.shape)).abs().max().item<float>();
        Assert.True(maxDifference < 1e-4, $"max |Δlogit| = {maxDifference:E3}");
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Target_log_probs_match_transformers(string model, string form)
    {
        using var lm = HfCheckpoint.LoadCausalLanguageModel(HfTinyFixture.Folder(model, form));
        var reference = HfTinyFixture.Reference(model);
        int[][] ids = HfTinyFixture.IntRows(reference["input_ids"]!);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = tensor(ids.SelectMany(r => r.Select(v => (long)v)).ToArray(), [ids.Length, ids[0].Length]);
        (Tensor logProbs, _) = TokenLogProbs.OfSequences(lm, input);
        float[] expected = reference["target_logprobs"]!.AsArray().SelectMany(r => r!.AsArray().Select(v => v!.GetValue<float>())).ToArray();
        double maxDifference = (logProbs - tensor(expected).view(logProbs.shape)).abs().max().item<float>();
        Assert.True(maxDifference < 1e-4, $"max |Δlog-prob| = {maxDifference:E3}");
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Greedy_continuation_matches_transformers_exactly(string model, string form)
    {
        using var lm = HfCheckpoint.LoadCausalLanguageModel(HfTinyFixture.Folder(model, form));
        var reference = HfTinyFixture.Reference(model);
        int[] prompt = HfTinyFixture.IntRows(reference["greedy_prompt"]!)[0];
        int[] expected = HfTinyFixture.IntRows(reference["greedy_output"]!)[0];
        var result = TextGenerator.Generate(lm, [prompt], expected.Length - prompt.Length, SamplingOptions.Greedy)[0];
        Assert.Equal(expected, prompt.Concat(result.Tokens).ToArray());
    }
}
