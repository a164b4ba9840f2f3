using SearchR1.Core.Protocol;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Retrieval;
using SearchR1.Training.Rollout;
using SearchR1.Training.Tests.Support;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Rollout;

public sealed class SearchRolloutTests : IClassFixture<SearchRolloutTests.Models>
{
    /// <summary>Made once for the class: a random model, and one taught to search for "paris" first.</summary>
    public sealed class Models : IDisposable
    {
        public static readonly string[] Prompts = ["Where is the Louvre?\n", "Capital of France?\n", "Eiffel tower city?\n"];

        public Models()
        {
            RandomFolder = ToyModels.Random(seed: 5);
            SearcherFolder = ToyModels.Taught(Prompts.Select(p => (p, "<search> paris </search>")).ToArray(), steps: 60, seed: 6);
            IndexFolder = ToyRetrieval.BuildIndex();
        }

        public string RandomFolder { get; }
        public string SearcherFolder { get; }
        public string IndexFolder { get; }

        public void Dispose()
        {
            ToyModels.Delete(RandomFolder);
            ToyModels.Delete(SearcherFolder);
            ToyModels.Delete(Path.GetDirectoryName(IndexFolder)!);
        }
    }

    private readonly Models _models;

    public SearchRolloutTests(Models models) => _models = models;

    private static (CausalLanguageModel Model, HfTokenizer Tokenizer) Load(string folder) =>
        (HfCheckpoint.LoadCausalLanguageModel(folder, new ModelLoadOptions { Device = CPU, DType = float32 }), HfTokenizer.Load(folder));

    private static Task<RolloutResult> Run(CausalLanguageModel model, HfTokenizer tokenizer, IRetriever? retriever, RolloutOptions options,
        IReadOnlyList<string>? prompts = null) =>
        SearchRollout.RunAsync(new ModelRolloutPolicy(model, options.MaxPromptLength, tokenizer.EosTokenIds), tokenizer, retriever,
            prompts ?? Models.Prompts, options);

    [Fact]
    public async Task A_policy_that_never_acts_gets_the_invalid_action_text_each_turn_and_a_final_turn_without_observation()
    {
        var (model, tokenizer) = Load(_models.RandomFolder);
        using var _ = model;
        var options = new RolloutOptions { MaxTurns = 2, MaxResponseLength = 6, Sampling = new SamplingSettings(Seed: 11) };
        var result = await Run(model, tokenizer, retriever: null, options);

        Assert.Equal(3, result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var segments = row.Trajectory.Segments();
            var observations = segments.Where(s => s.Source == TokenSource.Observation).ToArray();
            Assert.Equal(3, row.Generations);          // max_turns + 1
            Assert.Equal(3, row.Turns);                // 1 + one per non-final turn that did not end the row
            Assert.False(row.Finished);
            Assert.Equal(2, observations.Length);      // the final turn appends nothing
            foreach (var o in observations)
            {
                var ids = row.Trajectory.TokenIds.Skip(o.Start).Take(o.Length);
                Assert.Equal(ProtocolText.InvalidActionObservation, tokenizer.Decode(ids, skipSpecialTokens: false));
            }
            Assert.Equal(TokenSource.Policy, segments[^1].Source);
            Assert.All(segments.Where(s => s.Source == TokenSource.Policy), s => Assert.InRange(s.Length, 1, 6));
            for (int i = 0; i < row.Trajectory.Count; i++)
            {
                bool sampled = row.Trajectory.Sources[i] == TokenSource.Policy;
                Assert.Equal(sampled, float.IsFinite(row.Trajectory.LogProbs[i]));
            }
        }
        var metrics = result.Metrics();
        Assert.Equal(3.0, metrics["env/number_of_actions/mean"]);
        Assert.Equal(0.0, metrics["env/finish_ratio"]);
        Assert.Equal(0.0, metrics["env/number_of_valid_action"]);
    }

    [Fact]
    public async Task Searches_of_a_turn_go_to_the_retriever_in_one_batch_and_come_back_as_observation_tokens()
    {
        var (model, tokenizer) = Load(_models.SearcherFolder);
        using var _ = model;
        using var retriever = new RecordingRetriever(RetrieverFactory.Open(_models.IndexFolder));
        var options = new RolloutOptions { MaxTurns = 1, MaxResponseLength = 12, TopK = 2, Sampling = SamplingSettings.GreedyDecoding };
        var result = await Run(model, tokenizer, retriever, options);

        var call = Assert.Single(retriever.Calls); // turn 1 only: the final turn executes no search
        Assert.Equal(["paris", "paris", "paris"], call);
        var expected = (await RetrieverFactory.Open(_models.IndexFolder).SearchAsync(["paris"], 2))[0];
        string observation = InformationFormatter.Observation(expected.Select(p => p.Contents));
        foreach (var row in result.Rows)
        {
            var segments = row.Trajectory.Segments();
            Assert.Equal(TokenSource.Policy, segments[1].Source);
            Assert.Equal("<search> paris </search>", Text(tokenizer, row, segments[1]));
            Assert.Equal(TokenSource.Observation, segments[2].Source);
            Assert.Equal(observation, Text(tokenizer, row, segments[2]));
            Assert.Equal(1, row.ExecutedSearches);
            Assert.Equal(2, row.Generations);
            Assert.DoesNotContain(segments.Skip(3), s => s.Source == TokenSource.Observation);
        }
        Assert.Equal(1.0, result.Metrics()["env/searches_executed"]);
    }

    [Fact]
    public async Task Stopping_at_the_closing_tag_gives_the_same_trajectory_as_generating_on_and_cutting()
    {
        var (model, tokenizer) = Load(_models.SearcherFolder);
        using var _ = model;
        using var retriever = RetrieverFactory.Open(_models.IndexFolder);
        var stopping = new RolloutOptions { MaxTurns = 1, MaxResponseLength = 16, Sampling = SamplingSettings.GreedyDecoding };
        var a = await Run(model, tokenizer, retriever, stopping);
        var b = await Run(model, tokenizer, retriever, stopping with { StopAtActionTags = false });
        for (int i = 0; i < a.Rows.Count; i++)
        {
            Assert.Equal(a.Rows[i].Trajectory.Segments()[1], b.Rows[i].Trajectory.Segments()[1]);
            Assert.Equal(a.Rows[i].Trajectory.TokenIds.Take(a.Rows[i].Trajectory.Segments()[2].Start + a.Rows[i].Trajectory.Segments()[2].Length),
                b.Rows[i].Trajectory.TokenIds.Take(b.Rows[i].Trajectory.Segments()[2].Start + b.Rows[i].Trajectory.Segments()[2].Length));
        }
    }

    [Fact]
    public async Task Observations_are_cut_at_max_obs_length_and_the_cut_is_counted()
    {
        var (model, tokenizer) = Load(_models.SearcherFolder);
        using var _ = model;
        using var retriever = RetrieverFactory.Open(_models.IndexFolder);
        var options = new RolloutOptions { MaxTurns = 1, MaxResponseLength = 12, MaxObsLength = 7, Sampling = SamplingSettings.GreedyDecoding };
        var result = await Run(model, tokenizer, retriever, options);
        foreach (var row in result.Rows)
        {
            Assert.Equal(7, row.Trajectory.Segments()[2].Length);
            Assert.Equal(1, row.ObservationsTruncated);
        }
        Assert.Equal(3.0, result.Metrics()["truncation/observation"]);
    }

    [Fact]
    public async Task A_full_context_ends_the_row_and_is_reported()
    {
        var (model, tokenizer) = Load(_models.RandomFolder);
        using var _ = model;
        int promptLength = tokenizer.Encode(Models.Prompts[0]).Length;
        var options = new RolloutOptions
        {
            MaxTurns = 4, MaxResponseLength = 6, MaxPromptLength = promptLength + 8, Sampling = new SamplingSettings(Seed: 3),
        };
        var result = await Run(model, tokenizer, null, options, [Models.Prompts[0]]);
        var row = Assert.Single(result.Rows);
        Assert.True(row.ContextTruncated);
        Assert.Equal(promptLength + 8, row.Trajectory.Count); // the invalid-action text is cut to the context cap
        Assert.Equal(1, row.Generations);
        Assert.Equal(1.0, result.Metrics()["truncation/context"]);
    }

    [Fact]
    public async Task The_prompt_is_wrapped_in_the_chat_template_when_the_tokenizer_has_one()
    {
        string folder = ToyModels.Random(seed: 2, chatTemplate: true);
        try
        {
            var (model, tokenizer) = Load(folder);
            using var _ = model;
            var result = await Run(model, tokenizer, null, new RolloutOptions { MaxTurns = 0, MaxResponseLength = 2 }, ["Hi?"]);
            string prompt = tokenizer.Decode(result.Rows[0].Trajectory.PromptTokenIds(), skipSpecialTokens: false);
            Assert.Equal("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi?<|im_end|>\n<|im_start|>assistant\n", prompt);
        }
        finally
        {
            ToyModels.Delete(folder);
        }
    }

    private static string Text(HfTokenizer tokenizer, RolloutRow row, TrajectorySegment segment) =>
        tokenizer.Decode(row.Trajectory.TokenIds.Skip(segment.Start).Take(segment.Length), skipSpecialTokens: false);
}
