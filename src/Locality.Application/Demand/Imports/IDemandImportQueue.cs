using Locality.Domain.Demand;

namespace Locality.Application.Demand.Imports;

/// <summary>Hands an accepted import to the background job that runs it.</summary>
public interface IDemandImportQueue
{
    void Enqueue(DemandImportId importId);
}
