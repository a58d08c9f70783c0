namespace Locality.Application.Common.Exceptions;

public sealed class NotSignedInException() : Exception("Sign in to do this.");
