using System.CommandLine;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 generate`: continue a prompt (token ids or text) with a model folder.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        Option<string> model = ModelCommandSupport.ModelOption();
        var ids = new Option<string?>("--ids") { Description = "Prompt as comma-separated token ids (instead of --prompt)." };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "Prompt text, encoded with the folder's tokenizer (special tokens in the text recognised)." };
        var maxNewTokens = new Option<int>("--max-new-tokens", "-n") { Description = "How many tokens to generate at most.", Required = true };
        var greedy = new Option<bool>("--greedy") { Description = "Greedy decoding (the default unless --temperature is given)." };
        var temperature = new Option<double?>("--temperature", "-t") { Description = "Sampling temperature (> 0 samples; 0 is greedy)." };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling: keep the smallest set of tokens whose probability reaches P.", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Keep only the K most likely tokens (0: off).", DefaultValueFactory = _ => 0 };
        var seed = new Option<long?>("--seed", "-s") { Description = "Seed for reproducible sampling." };
        var stop = new Option<string[]>("--stop") { Description = "Stop when the generated text contains this string (repeatable), e.g. --stop \"</search>\".", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print JSON {\"ids\", \"text\", …} instead of the text." };
        Option<string> dtype = ModelCommandSupport.DTypeOption("auto");
        Option<string> device = ModelCommandSupport.DeviceOption();
        var command = new Command(
            "generate",
            "Generate a continuation. --json prints {\"ids\": new token ids, \"text\": their text, \"prompt_ids\", \"sequence\" (prompt + new), \"log_probs\", \"stop_reason\"}.\n" +
            "Example: searchr1 generate --model models/Qwen2.5-3B --prompt \"The capital of France is\" --max-new-tokens 16 --greedy\n" +
            "Example: searchr1 generate --model models/Qwen2.5-3B --ids 785,6722,315,9625,374 -n 32 --temperature 1 --top-p 0.95 --seed 7 --json");
        foreach (Option option in new Option[] { model, ids, prompt, maxNewTokens, greedy, temperature, topP, topK, seed, stop, json, dtype, device })
        {
            command.Options.Add(option);
        }
        command.SetAction((parseResult, _) => ModelCommandSupport.Run("generate", () =>
        {
            string folder = parseResult.GetValue(model)!;
            string? idText = parseResult.GetValue(ids);
            string? promptText = parseResult.GetValue(prompt);
            if ((idText is null) == (promptText is null))
            {
                Console.Error.WriteLine("generate: give exactly one of --ids or --prompt.");
                return 2;
            }
            double? t = parseResult.GetValue(temperature);
            if (parseResult.GetValue(greedy) && t is > 0)
            {
                Console.Error.WriteLine("generate: --greedy and --temperature > 0 contradict each other.");
                return 2;
            }
            var sampling = new SamplingOptions
            {
                Temperature = parseResult.GetValue(greedy) ? 0 : t ?? 0,
                TopP = parseResult.GetValue(topP),
                TopK = parseResult.GetValue(topK),
                Seed = parseResult.GetValue(seed),
            };
            sampling.Validate();

            HfTokenizer? tokenizer = ModelCommandSupport.TryLoadTokenizer(folder);
            int[] promptIds;
            if (promptText is not null)
            {
                promptIds = (tokenizer ?? throw new InvalidOperationException($"--prompt: {folder} has no tokenizer files (tokenizer.json …); pass --ids instead.")).Encode(promptText);
            }
            else
            {
                promptIds = ModelCommandSupport.ParseIds(idText!, "--ids");
            }
            using CausalLanguageModel lm = ModelCommandSupport.Load(folder, parseResult.GetValue(device)!, parseResult.GetValue(dtype)!);
            IStopCondition? stopCondition = null;
            string[] stops = parseResult.GetValue(stop) ?? [];
            if (stops.Length > 0)
            {
                HfTokenizer decoder = tokenizer ?? throw new InvalidOperationException($"--stop: {folder} has no tokenizer files to decode with.");
                stopCondition = new StopStrings(tokens => decoder.Decode(tokens, skipSpecialTokens: true), stops);
            }
            GeneratedTokens result = TextGenerator.Generate(lm, [promptIds], parseResult.GetValue(maxNewTokens), sampling, stopCondition, EosTokenIds(lm, tokenizer))[0];
            string? text = tokenizer?.Decode(result.Tokens, skipSpecialTokens: false);

            if (parseResult.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["ids"] = Array(result.Tokens),
                    ["text"] = text,
                    ["prompt_ids"] = Array(promptIds),
                    ["sequence"] = Array(promptIds.Concat(result.Tokens)),
                    ["log_probs"] = new JsonArray(result.LogProbs.Select(v => (JsonNode?)v).ToArray()),
                    ["stop_reason"] = result.Reason.ToString(),
                };
                Console.Out.WriteLine(output.ToJsonString());
            }
            else
            {
                Console.Out.WriteLine(text ?? string.Join(",", result.Tokens));
            }
            return 0;
        }));
        return command;
    }

    /// <summary>generation_config.json's eos_token_id when the folder has one (what transformers' generate stops on), else config.json's.</summary>
    private static IEnumerable<int> EosTokenIds(CausalLanguageModel lm, HfTokenizer? tokenizer)
    {
        JsonNode? eos = lm.Config.GenerationConfigJson?["eos_token_id"];
        return eos switch
        {
            JsonArray array => array.Select(n => n!.GetValue<int>()).ToArray(),
            JsonValue value => [value.GetValue<int>()],
            _ => lm.Config.EosTokenIds.Count > 0 ? lm.Config.EosTokenIds : tokenizer?.EosTokenIds ?? (IEnumerable<int>)[],
        };
    }

    private static JsonArray Array(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
