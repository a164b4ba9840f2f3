using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Generation;

public class GenerationSessionTests
{
    private static readonly int[][] Prompts =
    [
        [5, 9, 13, 40, 22, 7, 31],
        [11, 3],
        [60, 61, 62, 33, 12],
        [8],
    ];

    [Theory]
    [InlineData("qwen")]
    [InlineData("llama")]
    public void Batched_greedy_generation_of_ragged_prompts_equals_one_prompt_at_a_time(string family)
    {
        using var model = TinyModels.Create(family == "qwen" ? TinyModels.Qwen : TinyModels.Llama);
        var batched = TextGenerator.Generate(model, Prompts, 12, SamplingOptions.Greedy, eosTokenIds: []);
        for (int i = 0; i < Prompts.Length; i++)
        {
            var alone = TextGenerator.Generate(model, [Prompts[i]], 12, SamplingOptions.Greedy, eosTokenIds: [])[0];
            Assert.Equal(alone.Tokens, batched[i].Tokens);
            Assert.Equal(12, batched[i].Tokens.Length);
            for (int t = 0; t < alone.LogProbs.Length; t++)
            {
                Assert.Equal(alone.LogProbs[t], batched[i].LogProbs[t], 4);
            }
        }
    }

    [Fact]
    public void Greedy_generation_equals_argmax_of_a_left_padded_full_forward_at_every_step()
    {
        // The reference transformers computes: left padding, position ids clip(cumsum(mask) - 1, 0), full forward.
        using var model = TinyModels.Create(TinyModels.Llama, seed: 3);
        var generated = TextGenerator.Generate(model, Prompts, 6, SamplingOptions.Greedy, eosTokenIds: []);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int width = Prompts.Max(p => p.Length) + 6;
        var ids = new long[Prompts.Length * width];
        var mask = new long[Prompts.Length * width];
        for (int i = 0; i < Prompts.Length; i++)
        {
            int[] row = Prompts[i].Concat(generated[i].Tokens).ToArray();
            for (int t = 0; t < row.Length; t++)
            {
                ids[i * width + width - row.Length + t] = row[t];
                mask[i * width + width - row.Length + t] = 1;
            }
        }
        Tensor logits = model.forward(tensor(ids, [Prompts.Length, width]), tensor(mask, [Prompts.Length, width]));
        Tensor logProbs = logits.log_softmax(-1);
        for (int i = 0; i < Prompts.Length; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                int position = width - 6 + k - 1; // the position that predicts generated token k
                Assert.Equal(generated[i].Tokens[k], (int)logits[i, position].argmax().item<long>());
                Assert.Equal(logProbs[i, position, generated[i].Tokens[k]].item<float>(), generated[i].LogProbs[k], 4);
            }
        }
    }

    [Fact]
    public void Appending_tokens_to_a_live_row_equals_recomputing_from_scratch()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 5);
        int[] information = [44, 45, 46, 47, 48, 49, 50];
        using var session = GenerationSession.Start(model, Prompts, SamplingOptions.Greedy, maxTotalTokens: 64, eosTokenIds: []);
        session.Generate([0, 1, 2, 3], 5);
        session.Append(1, information);
        session.Append(2, information.Take(3).ToArray());
        var continued = session.Generate([1, 2, 3], 6);

        for (int k = 0; k < 3; k++)
        {
            int row = k + 1;
            int[] history = session.Tokens(row).Take(session.Tokens(row).Count - 6).ToArray();
            var fresh = TextGenerator.Generate(model, [history], 6, SamplingOptions.Greedy, eosTokenIds: [])[0];
            Assert.Equal(fresh.Tokens, continued[k].Tokens);
            for (int t = 0; t < 6; t++)
            {
                Assert.Equal(fresh.LogProbs[t], continued[k].LogProbs[t], 4);
            }
        }
        Assert.Equal(Prompts[1].Length + 5 + information.Length + 6, session.Tokens(1).Count);
    }

    [Fact]
    public void Seeded_sampling_is_reproducible_and_the_seed_matters()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 2);
        var options = new SamplingOptions { Temperature = 1.0, TopP = 0.9, TopK = 20, Seed = 1234 };
        var first = TextGenerator.Generate(model, Prompts, 16, options, eosTokenIds: []);
        var second = TextGenerator.Generate(model, Prompts, 16, options, eosTokenIds: []);
        var other = TextGenerator.Generate(model, Prompts, 16, options with { Seed = 99 }, eosTokenIds: []);
        for (int i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(first[i].Tokens, second[i].Tokens);
        }
        Assert.Contains(Enumerable.Range(0, Prompts.Length), i => !first[i].Tokens.SequenceEqual(other[i].Tokens));
    }

    [Fact]
    public void Sampled_log_probs_equal_a_full_forward_pass_at_the_sampling_temperature()
    {
        using var model = TinyModels.Create(TinyModels.Llama, seed: 4);
        var options = new SamplingOptions { Temperature = 0.7, Seed = 7 };
        var generated = TextGenerator.Generate(model, [Prompts[0]], 10, options, eosTokenIds: [])[0];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int[] row = Prompts[0].Concat(generated.Tokens).ToArray();
        Tensor logProbs = (model.forward(tensor(row.Select(t => (long)t).ToArray(), [1, row.Length])) / 0.7).log_softmax(-1);
        for (int k = 0; k < 10; k++)
        {
            int position = Prompts[0].Length + k - 1;
            Assert.Equal(logProbs[0, position, generated.Tokens[k]].item<float>(), generated.LogProbs[k], 4);
        }
    }

    [Fact]
    public void Top_k_of_one_is_greedy()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 6);
        var greedy = TextGenerator.Generate(model, Prompts, 8, SamplingOptions.Greedy, eosTokenIds: []);
        var topOne = TextGenerator.Generate(model, Prompts, 8, new SamplingOptions { TopK = 1, Seed = 3 }, eosTokenIds: []);
        for (int i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(greedy[i].Tokens, topOne[i].Tokens);
        }
    }

    [Fact]
    public void Rows_stop_on_their_own_eos_stop_condition_or_budget_and_the_others_carry_on()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 8);
        var free = TextGenerator.Generate(model, Prompts, 10, SamplingOptions.Greedy, eosTokenIds: []);
        int eos = free[0].Tokens[3];                 // row 0 must stop at its 4th token (or earlier if repeated)
        var stopAfterTwo = new StopAfter(row: 2, count: 2);
        var stopped = TextGenerator.Generate(model, Prompts, 10, SamplingOptions.Greedy, stopAfterTwo, eosTokenIds: [eos]);

        int firstEos = Array.IndexOf(free[0].Tokens, eos);
        Assert.Equal(StopReason.EndOfSequence, stopped[0].Reason);
        Assert.Equal(free[0].Tokens.Take(firstEos + 1), stopped[0].Tokens);
        Assert.Equal(StopReason.StopCondition, stopped[2].Reason);
        Assert.Equal(free[2].Tokens.Take(2), stopped[2].Tokens);
        foreach (int row in new[] { 1, 3 })
        {
            int cut = Array.IndexOf(free[row].Tokens, eos);
            if (cut < 0)
            {
                Assert.Equal(StopReason.MaxNewTokens, stopped[row].Reason);
                Assert.Equal(free[row].Tokens, stopped[row].Tokens);
            }
            else
            {
                Assert.Equal(free[row].Tokens.Take(cut + 1), stopped[row].Tokens);
            }
        }
    }

    [Fact]
    public void Stop_strings_are_found_in_the_decoded_tail_of_new_tokens()
    {
        // A toy decoder: token t is the character ('a' + t % 26).
        static string Decode(IReadOnlyList<int> ids) => new(ids.Select(t => (char)('a' + t % 26)).ToArray());
        var stop = new StopStrings(Decode, ["cde"]);
        Assert.False(stop.ShouldStop(0, [0, 1, 2, 3]));
        Assert.True(stop.ShouldStop(0, [0, 1, 2, 3, 4]));
        Assert.Equal("cde", stop.Matched([9, 9, 9, 9, 9, 9, 9, 9, 9, 2, 3, 4]));
    }

    [Fact]
    public void A_row_stops_at_the_session_length_limit_and_released_rows_are_refused()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 9);
        using var session = GenerationSession.Start(model, Prompts, SamplingOptions.Greedy, maxTotalTokens: 10, eosTokenIds: []);
        var result = session.Generate([0, 3], 50);
        Assert.Equal(StopReason.MaxTotalTokens, result[0].Reason);
        Assert.Equal(10, session.Tokens(0).Count);
        Assert.Equal(9, result[1].Tokens.Length);
        session.Release([3]);
        Assert.Throws<InvalidOperationException>(() => session.Generate([3], 1));
        Assert.Throws<InvalidOperationException>(() => session.Append(0, [5]));
        var more = session.Generate([1, 2], 3);
        Assert.Equal(3, more[0].Tokens.Length);
    }

    [Fact]
    public void Each_row_keeps_its_own_token_budget_and_a_session_leaks_no_tensors()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 10);
        using var scope = NewDisposeScope();
        long before = scope.DisposablesCount;
        using (var session = GenerationSession.Start(model, Prompts, SamplingOptions.Greedy, maxTotalTokens: 40, eosTokenIds: []))
        {
            Assert.Equal(before, scope.DisposablesCount);
            var results = session.Generate([3, 0, 2], [1, 7, 4]);
            Assert.Equal(before, scope.DisposablesCount);
            Assert.Equal([1, 7, 4], results.Select(r => r.Tokens.Length));
            Assert.All(results, r => Assert.Equal(StopReason.MaxNewTokens, r.Reason));
            session.Append(0, [9, 9]);
            session.Generate([0, 1], [2, 3]);
        }
        Assert.Equal(before, scope.DisposablesCount);
    }

    private sealed class StopAfter(int row, int count) : IStopCondition
    {
        public bool ShouldStop(int r, IReadOnlyList<int> newTokens) => r == row && newTokens.Count >= count;
    }
}
