using System.Threading.Channels;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Server.Policy;

/// <summary>
/// Gathers concurrent HTTP requests into batches for the model, one batch at a time (the model is not
/// re-entrant). An evaluator sending eight requests at once gets them generated together.
/// </summary>
internal sealed class RequestBatcher : IAsyncDisposable
{
    private readonly ITextContinuer _continuer;
    private readonly PolicyServerOptions _options;
    private readonly Channel<GenerationRequest> _queue = Channel.CreateUnbounded<GenerationRequest>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public RequestBatcher(ITextContinuer continuer, PolicyServerOptions options)
    {
        _continuer = continuer;
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    public Task<PolicyCompletion> EnqueueAsync(string text, SamplingSettings settings, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest(text, settings, cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new InvalidOperationException("The policy server is shutting down.");
        }
        return request.Result.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var carried = new List<GenerationRequest>();
        try
        {
            while (true)
            {
                if (carried.Count == 0)
                {
                    carried.Add(await reader.ReadAsync(_stopping.Token).ConfigureAwait(false));
                }
                using (var window = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                {
                    window.CancelAfter(_options.Window);
                    try
                    {
                        while (carried.Count < _options.MaxBatch && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                        {
                            while (carried.Count < _options.MaxBatch && reader.TryRead(out var more))
                            {
                                carried.Add(more);
                            }
                        }
                    }
                    catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                    {
                        // The window closed: generate what has arrived.
                    }
                }
                string key = carried[0].BatchKey;
                var batch = carried.Where(r => r.BatchKey == key && !r.CancellationToken.IsCancellationRequested).ToList();
                foreach (var cancelled in carried.Where(r => r.CancellationToken.IsCancellationRequested))
                {
                    cancelled.Result.TrySetCanceled(cancelled.CancellationToken);
                }
                carried = carried.Where(r => r.BatchKey != key && !r.CancellationToken.IsCancellationRequested).ToList();
                if (batch.Count == 0)
                {
                    continue;
                }
                try
                {
                    var results = await _continuer.ContinueAsync(batch.Select(r => r.Text).ToList(), batch[0].Settings, _stopping.Token)
                        .ConfigureAwait(false);
                    for (int i = 0; i < batch.Count; i++)
                    {
                        batch[i].Result.TrySetResult(results[i]);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    foreach (var request in batch)
                    {
                        request.Result.TrySetException(e);
                    }
                }
            }
        }
        catch (Exception e) when (e is ChannelClosedException || (e is OperationCanceledException && _stopping.IsCancellationRequested))
        {
            // Shutting down (the queue closed or the stop token fired, whichever the loop saw first).
            foreach (var request in carried)
            {
                request.Result.TrySetCanceled();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: nothing to clean up.
        }
        _stopping.Dispose();
    }
}
