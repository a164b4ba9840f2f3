using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Activation (gradient) checkpointing for one block, as torch.utils.checkpoint's re-entrant variant does it
/// (TorchSharp has none): the forward runs without recording a graph and keeps only its input; the backward
/// runs the block again with grad enabled and back-propagates through that recomputation, which
/// accumulates the block's parameter gradients and yields the input's gradient.
/// </summary>
/// <remarks>
/// The block's closure keeps the forward call's shared tensors (rotary cos/sin, mask) for the backward
/// pass, so run forward and backward inside the same dispose scope (one scope per training step).
/// </remarks>
public sealed class ActivationCheckpoint : autograd.SingleTensorFunction<ActivationCheckpoint>
{
    public override string Name => nameof(ActivationCheckpoint);

    /// <summary>
    /// Runs <paramref name="block"/> on <paramref name="input"/> under checkpointing. The block's parameters are
    /// passed too so that the node is part of the graph even when the input itself needs no gradient (frozen
    /// embeddings). The block must be deterministic (no dropout here).
    /// </summary>
    public static Tensor Run(Tensor input, Func<Tensor, Tensor> block, IEnumerable<Tensor> parameters)
    {
        var arguments = new List<object> { input, block };
        arguments.AddRange(parameters);
        return apply([.. arguments]);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var block = (Func<Tensor, Tensor>)vars[1];
        ctx.save_for_backward([input]);
        ctx.save_data("block", block);
        ctx.save_data("count", vars.Length);
        return block(input);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        Tensor saved = ctx.get_saved_variables()[0];
        var block = (Func<Tensor, Tensor>)ctx.get_data("block");
        int count = (int)ctx.get_data("count");
        Tensor input = saved.detach().requires_grad_(saved.is_floating_point());
        using (enable_grad())
        {
            Tensor output = block(input);
            output.backward([gradOutput]);
        }
        var gradients = new List<Tensor> { input.grad! };
        // Parameter gradients were accumulated by the recomputation's backward above; none flow through here.
        for (int i = 1; i < count; i++)
        {
            gradients.Add(null!);
        }
        return gradients;
    }
}
