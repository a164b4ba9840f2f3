using TorchSharp;

namespace SearchR1.Training.Metrics;

/// <summary>TensorBoard event files through TorchSharp's SummaryWriter (one scalar per metric and step).</summary>
public sealed class TensorBoardLog(string folder)
{
    private readonly TorchSharp.Modules.SummaryWriter _writer = torch.utils.tensorboard.SummaryWriter(folder, createRunName: false);

    /// <summary>Writes every finite metric of one record (validation names already start with val/).</summary>
    public void Write(int step, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            if (double.IsFinite(value))
            {
                _writer.add_scalar(name, (float)value, step);
            }
        }
    }
}
