namespace SearchR1.Core.Protocol;

/// <summary>
/// The original's post-processing of one generated turn (<c>_postprocess_responses</c>): keep the text up to
/// and including the first <c>&lt;/search&gt;</c>; failing that, up to the first <c>&lt;/answer&gt;</c>; else
/// all of it. A search closing anywhere wins over an earlier answer, as in the original.
/// </summary>
public static class ResponseCutter
{
    public static string Cut(string response)
    {
        int search = response.IndexOf(ProtocolText.SearchClose, StringComparison.Ordinal);
        if (search >= 0)
        {
            return response[..(search + ProtocolText.SearchClose.Length)];
        }
        int answer = response.IndexOf(ProtocolText.AnswerClose, StringComparison.Ordinal);
        return answer >= 0 ? response[..(answer + ProtocolText.AnswerClose.Length)] : response;
    }
}
