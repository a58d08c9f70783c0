namespace Locality.Domain.Common;

/// <summary>A change the domain refuses because it would break one of its rules.</summary>
public class BusinessRuleException(string message) : Exception(message);
