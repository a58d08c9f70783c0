namespace Locality.Web.ViewComponents;

/// <summary>Your passkeys, as "Your sign-in" lists them.</summary>
public sealed record PasskeyListModel(IReadOnlyList<PasskeyListItem> Passkeys, int MostPasskeys, int LongestName);

/// <summary>One passkey: its id as the remove button sends it (base64url), the name given, and when it was added.</summary>
public sealed record PasskeyListItem(string CredentialId, string Name, DateTimeOffset AddedAt);

/// <summary>
/// One passkey ceremony on a page: where <c>passkeys.js</c> gets the options and sends the answer, what the button
/// says, whether a name is asked for, and where to go after (a local address, or none).
/// </summary>
public sealed record PasskeyCeremonyModel(string Kind, string OptionsPath, string FinishPath, string Button, bool AsksName, string? ReturnUrl);

/// <summary>A refusal from one of the passkey endpoints: the words to show, and the field they are about (if any).</summary>
public sealed record PasskeyProblem(string Message, string? Field);
