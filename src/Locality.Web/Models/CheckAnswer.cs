namespace Locality.Web.Models;

/// <summary>
/// One answer on a page that checks the answers: the question, the answer as it will be recorded, and where its
/// "Change" button sends the answers back to (the form, at the field); an answer that cannot be changed there has none.
/// </summary>
public sealed record CheckAnswer(string Question, string Answer, string? ChangeAt = null, string Field = "", string ChangeWhat = "");
