using Locality.Domain.Common;

namespace Locality.Domain.Tests.Common;

public sealed class WhoWordsTests
{
    [Theory]
    [InlineData("They said", "them")]
    [InlineData("they did", "them")]
    [InlineData("She said so herself.", "her")]
    [InlineData("I noticed it", "me")]
    [InlineData("They", "them")]
    [InlineData("Their neighbour", "their neighbour")]
    [InlineData("Her GP", "her GP")]
    [InlineData("Jean, her sister", "Jean, her sister")]
    [InlineData("The Wednesday lunch club", "the Wednesday lunch club")]
    public void AfterBy_ReadsAsTheObjectOfTheSentence(string typed, string reads) =>
        Assert.Equal(reads, WhoWords.AfterBy(typed));

    [Theory]
    [InlineData("Them, their sister and me", "them, their sister and me")]
    [InlineData("Her, her sister Jean and me.", "her, her sister Jean and me")]
    [InlineData("Jean and me", "Jean and me")]
    [InlineData("I and their GP", "I and their GP")]
    public void InSentence_LowersOnlyALeadingSmallWord(string typed, string reads) =>
        Assert.Equal(reads, WhoWords.InSentence(typed));
}
