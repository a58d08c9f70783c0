namespace Locality.Application.Common.Interfaces;

/// <summary>Tells a failure worth trying again (the database briefly away) from one that would only fail again.</summary>
public interface ITransientFailures
{
    bool IsTransient(Exception exception);
}
