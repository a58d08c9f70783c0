using Locality.Application.Demand;

namespace Locality.Web.Models;

/// <summary>How demand on services is said on screen.</summary>
public static class DemandWords
{
    public static string RepeatKind(RepeatKind kind) => kind switch
    {
        Application.Demand.RepeatKind.CallOutsToAPerson => "Call-outs about one person",
        Application.Demand.RepeatKind.CallOutsToAnAddress => "Call-outs to one address",
        _ => "Missed appointments",
    };
}
