namespace Locality.Domain.Common;

/// <summary>A record that is only ever added: never changed in place, never deleted.</summary>
public interface IAppendOnly;
