using Locality.Domain.People;

namespace Locality.Domain.Tests.People;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("9434765919", "943 476 5919")]
    [InlineData("943 476 5919", "943 476 5919")]
    [InlineData("943-476-5919", "943 476 5919")]
    [InlineData(" 943 476-5919 ", "943 476 5919")]
    public void NhsNumber_WithAGoodCheckDigit_IsStoredAsDigitsAndShown334(string input, string shown)
    {
        Assert.True(NhsNumber.TryParse(input, out var number));
        Assert.Equal("9434765919", number.Digits);
        Assert.Equal(shown, number.Formatted);
    }

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("943476591")] // nine digits
    [InlineData("94347659190")] // eleven digits
    [InlineData("943476591X")]
    [InlineData("943.476.5919")]
    [InlineData("")]
    public void NhsNumber_ThatCannotBeOne_IsRefused(string input)
    {
        Assert.False(NhsNumber.TryParse(input, out _));
    }

    [Fact]
    public void NhsNumber_WhoseCheckWouldBeTen_IsNeverValid_WhateverItsLastDigit()
    {
        // 1×10 + 0… + 1×2 = 12; 12 mod 11 = 1; 11 − 1 = 10: no digit can check this.
        Assert.Null(NhsNumber.CheckDigit("100000001"));
        for (var last = 0; last <= 9; last++)
        {
            Assert.False(NhsNumber.TryParse($"100000001{last}", out _));
        }
    }

    [Fact]
    public void NhsNumber_CheckDigit_WorkedThrough()
    {
        // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
        Assert.Equal(9, NhsNumber.CheckDigit("943476591"));
        // A remainder of 0 gives 11, which means a check digit of 0: 4×10 + 0×9 + 1×8 + 0×7 + 2×6 + 3×5 + 2×4 + 0×3 + 8×2 = 99 = 9 × 11.
        Assert.Equal(0, NhsNumber.CheckDigit("401023208"));
        Assert.True(NhsNumber.TryParse("4010232080", out _));
    }

    [Theory]
    [InlineData("wn1 1xx", "WN1 1XX")]
    [InlineData("NE81HH", "NE8 1HH")]
    [InlineData("m1 1ae", "M1 1AE")]
    [InlineData("EC1A1BB", "EC1A 1BB")]
    [InlineData("  sw1a   2aa ", "SW1A 2AA")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    public void Postcode_IsNormalisedToUpperCaseWithOneSpace(string input, string normal)
    {
        Assert.True(Postcode.TryParse(input, out var postcode));
        Assert.Equal(normal, postcode.Value);
    }

    [Theory]
    [InlineData("WN1")] // outward code only
    [InlineData("1WN 1XX")] // starts with a digit
    [InlineData("WN1 1CX")] // C is never used in the inward code
    [InlineData("QN1 1XX")] // Q never starts a postcode
    [InlineData("WN1 XX1")]
    [InlineData("WN12345 1XX")]
    [InlineData("<script>")]
    [InlineData("")]
    public void Postcode_ThatCannotBeOne_IsRefused(string input)
    {
        Assert.False(Postcode.TryParse(input, out _));
    }

    [Fact]
    public void Postcode_Outward_IsTheDistrict()
    {
        Assert.Equal("EC1A", Postcode.Parse("ec1a 1bb").Outward);
    }

    [Theory]
    [InlineData("100012345678", "100012345678")]
    [InlineData("000123", "123")]
    [InlineData(" 42 ", "42")]
    public void Uprn_IsUpToTwelveDigits(string input, string value)
    {
        Assert.True(Uprn.TryParse(input, out var uprn));
        Assert.Equal(value, uprn.Value);
    }

    [Theory]
    [InlineData("1000123456789")]
    [InlineData("12AB")]
    [InlineData("-1")]
    [InlineData("")]
    public void Uprn_WithLettersOrTooManyDigits_IsRefused(string input)
    {
        Assert.False(Uprn.TryParse(input, out _));
    }
}
