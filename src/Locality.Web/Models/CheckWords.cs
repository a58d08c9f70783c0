namespace Locality.Web.Models;

/// <summary>The words of the pages that check the answers before a serious act: who, said as "you" when it is you.</summary>
public static class CheckWords
{
    public static bool IsSender(ILeadChangeForm form, Guid? worker) => worker is not null && worker == form.Sender;

    /// <summary>"you", or the worker as the list of workers names them.</summary>
    public static string WhoLeads(ILeadChangeForm form, Guid? worker) =>
        IsSender(form, worker) ? "you" : form.Workers.FirstOrDefault(w => w.Value == worker?.ToString())?.Text ?? "the worker you chose";

    /// <summary>What happens to the lead key worker who is replaced: the domain keeps them in the team around the person.</summary>
    public static string PreviousLeadStays(ILeadChangeForm form) => IsSender(form, form.Now?.LeadWorkerId)
        ? "You will no longer lead it. You stay in the team around them, as a worker, until you choose to leave it."
        : $"{form.Now?.LeadWorkerName} will no longer lead it, and stays in the team around them, as a worker, until they choose to leave it.";

    public static string Times(int times) => times switch
    {
        0 => "no times",
        1 => "once",
        2 => "twice",
        _ => $"{times} times",
    };

    public static string Capital(string words) => words.Length == 0 ? words : string.Concat(char.ToUpperInvariant(words[0]).ToString(), words[1..]);
}
