using System.CommandLine;
using System.Text.Json;
using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 model logits`: the logits a model folder gives a token sequence, for parity checks against transformers.</summary>
internal static class ModelLogitsCommand
{
    public static Command Create()
    {
        Option<string> model = ModelCommandSupport.ModelOption();
        var ids = new Option<string>("--ids")
        {
            Description = "Comma-separated token ids, e.g. 1,2,3.",
            Required = true,
        };
        Option<string> dtype = ModelCommandSupport.DTypeOption("fp32");
        Option<string> device = ModelCommandSupport.DeviceOption();
        var command = new Command(
            "logits",
            "Print the next-token logits at every position as JSON {\"logits\": [[…], …]} (one row per input position, vocab-size columns).\n" +
            "Example: searchr1 model logits --model models/Qwen2.5-0.5B --ids 9707,11,1879 --dtype fp32");
        command.Options.Add(model);
        command.Options.Add(ids);
        command.Options.Add(dtype);
        command.Options.Add(device);
        command.SetAction((parseResult, _) => ModelCommandSupport.Run("model logits", () =>
        {
            int[] tokens = ModelCommandSupport.ParseIds(parseResult.GetValue(ids)!, "--ids");
            using CausalLanguageModel lm = ModelCommandSupport.Load(parseResult.GetValue(model)!, parseResult.GetValue(device)!, parseResult.GetValue(dtype)!);
            int bad = tokens.FirstOrDefault(t => t >= lm.Config.VocabSize, -1);
            if (bad >= 0)
            {
                throw new ArgumentException($"--ids: token id {bad} is outside the vocabulary [0, {lm.Config.VocabSize}).");
            }
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor logits = lm.forward(tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Length]).to(lm.Device))[0]
                .to(ScalarType.Float32).cpu();
            float[] values = logits.data<float>().ToArray();
            int vocab = (int)logits.shape[1];

            using var stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("logits");
                for (int position = 0; position < tokens.Length; position++)
                {
                    writer.WriteStartArray();
                    for (int v = 0; v < vocab; v++)
                    {
                        writer.WriteNumberValue(values[position * vocab + v]);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            stdout.WriteByte((byte)'\n');
            return 0;
        }));
        return command;
    }
}
