using SearchR1.Core.Protocol;
using SearchR1.Torch;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Ppo;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Ppo;

public class TrajectoryBatchTests
{
    public TrajectoryBatchTests() => TorchRuntime.EnsureLoaded();

    private static long[] Row(Tensor t, int row) => t[row].to(int64).data<long>().ToArray();

    private static (Trajectory A, Trajectory B) Two()
    {
        var a = new Trajectory([1, 2, 3]);
        a.AppendPolicy([10, 11], 1, [-0.5f, -0.25f]);
        a.AppendObservation([20, 21, 22], 1);
        a.AppendPolicy([12], 2, [-1f]);
        var b = new Trajectory([4]);
        b.AppendPolicy([13, 14], 1, [-0.1f, -0.2f]);
        return (a, b);
    }

    [Fact]
    public void Rows_are_a_left_padded_prompt_then_a_right_padded_response_with_their_masks()
    {
        using var scope = NewDisposeScope();
        var (a, b) = Two();
        var batch = TrajectoryBatch.From([a, b], padId: 0, CPU);
        Assert.Equal((3, 6), (batch.PromptWidth, batch.ResponseWidth));
        Assert.Equal([1, 2, 3, 10, 11, 20, 21, 22, 12], Row(batch.InputIds, 0));
        Assert.Equal([0, 0, 4, 13, 14, 0, 0, 0, 0], Row(batch.InputIds, 1));
        Assert.Equal([0, 0, 1, 1, 1, 0, 0, 0, 0], Row(batch.AttentionMask, 1));
        Assert.Equal([0, 0, 0, 1, 2, 0, 0, 0, 0], Row(batch.PositionIds() * batch.AttentionMask, 1));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], Row(batch.PositionIds(), 0));
        Assert.Equal([1, 1, 1, 1, 1, 1], Row(batch.ResponseMask, 0));
        Assert.Equal([0, 0, 1, 1, 1, 0], Row(batch.ObservationMask, 0));
        Assert.Equal([1, 1, 0, 0, 0, 0], Row(batch.ResponseMask, 1));
    }

    [Fact]
    public void The_loss_mask_is_the_trajectorys_info_mask_with_masking_on_and_the_attention_mask_with_it_off()
    {
        using var scope = NewDisposeScope();
        var (a, b) = Two();
        var batch = TrajectoryBatch.From([a, b], padId: 0, CPU);
        var on = ResponseMasks.LossMask(batch.ResponseMask, batch.ObservationMask, maskObservations: true);
        var off = ResponseMasks.LossMask(batch.ResponseMask, batch.ObservationMask, maskObservations: false);
        Assert.Equal(a.ResponseInfoMask().Select(v => (long)v), Row(on, 0));
        Assert.Equal([1, 1, 0, 0, 0, 0], Row(on, 1));
        Assert.Equal([1, 1, 1, 1, 1, 1], Row(off, 0));
    }

    [Fact]
    public void A_slice_trims_columns_that_are_padding_in_all_its_rows()
    {
        using var scope = NewDisposeScope();
        var (a, b) = Two();
        var batch = TrajectoryBatch.From([a, b], padId: 0, CPU);
        var micro = batch.Slice(1, 1);
        Assert.Equal((1, 2), (micro.PromptWidth, micro.ResponseWidth));
        Assert.Equal([4, 13, 14], Row(micro.InputIds, 0));
        Assert.Equal([0, 1, 2], Row(micro.PositionIds(), 0));
        Assert.Equal([13, 14], Row(micro.Cut(batch.Responses), 0));
    }
}
