using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchR1.Training.Checkpointing;

/// <summary>
/// Where a run stands, saved with every checkpoint: completed steps and the data cursor. Sampling seeds derive from
/// (trainer.seed, step) and the data order from (trainer.seed, epoch), so these numbers restore every random stream.
/// </summary>
/// <param name="Step">Training steps completed.</param>
/// <param name="Epoch">Epoch of the next batch.</param>
/// <param name="BatchInEpoch">Index of the next batch within its epoch.</param>
/// <param name="Seed">trainer.seed of the run (a resume with another seed is refused).</param>
public sealed record TrainerState(int Step, int Epoch, int BatchInEpoch, int Seed)
{
    public const string FileName = "trainer_state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainerState Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty trainer state");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} line {e.LineNumber}: not a trainer state ({e.Message})", e);
        }
    }
}
