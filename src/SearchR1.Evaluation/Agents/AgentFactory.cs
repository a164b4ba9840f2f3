using SearchR1.Evaluation.Policies;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Torch;
using SearchR1.Training.Rollout;

namespace SearchR1.Evaluation.Agents;

/// <summary>Opens the two kinds of policy <c>searchr1 eval</c> takes: a local model folder or an OpenAI-compatible endpoint.</summary>
public static class AgentFactory
{
    /// <summary>A loaded local model with its tokenizer; dispose to free the weights.</summary>
    public sealed class LocalModel(CausalLanguageModel model, HfTokenizer tokenizer, string folder) : IDisposable
    {
        public CausalLanguageModel Model { get; } = model;

        public HfTokenizer Tokenizer { get; } = tokenizer;

        public string Folder { get; } = folder;

        /// <summary>The trainer's rollout policy over this model (context capped at <paramref name="maxPromptLength"/>).</summary>
        public IRolloutPolicy RolloutPolicy(int maxPromptLength = 4096) => new ModelRolloutPolicy(Model, maxPromptLength, Tokenizer.EosTokenIds);

        /// <summary>The evaluation agent: the trainer's token-level rollout over this model.</summary>
        public LocalRolloutAgent Agent(int maxPromptLength = 4096) => LocalRolloutAgent.For(Model, Tokenizer, Folder, maxPromptLength);

        public LocalModelContinuer Continuer() => new(Model, Tokenizer, Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder)));

        public void Dispose() => Model.Dispose();
    }

    /// <summary>Loads a Hugging Face model folder (config, safetensors, tokenizer) on <paramref name="device"/> (cpu, cuda, cuda:1; null = best available).</summary>
    public static LocalModel LoadLocal(string folder, string? device = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: model folder not found (expected config.json, model.safetensors and tokenizer files).");
        }
        var model = HfCheckpoint.LoadCausalLanguageModel(folder, new ModelLoadOptions { Device = TorchRuntime.ResolveDevice(device) });
        model.eval();
        var tokenizer = HfTokenizer.Load(folder);
        return new LocalModel(model, tokenizer, Path.GetFullPath(folder));
    }

    /// <summary>
    /// An endpoint policy. On the completions route, <paramref name="tokenizerFolder"/> (a model folder or a
    /// tokenizer folder) supplies the chat template the prompt is wrapped in, as the original does (SPEC §1.1).
    /// </summary>
    public static TextSearchAgent OpenEndpoint(OpenAiEndpointOptions options, string? tokenizerFolder = null)
    {
        Func<string, string>? render = null;
        if (tokenizerFolder is not null)
        {
            var tokenizer = HfTokenizer.Load(tokenizerFolder);
            if (tokenizer.HasChatTemplate)
            {
                render = user => tokenizer.ApplyChatTemplate([new ChatMessage("user", user)], addGenerationPrompt: true);
            }
        }
        return new TextSearchAgent(new OpenAiTextPolicy(options, render));
    }
}
