using Locality.Domain.Common;
using Locality.Domain.Organisations;

namespace Locality.Domain.Tests;

public sealed class OrganisationRulesTests
{
    [Fact]
    public void StaffMember_KeepsTheirEmailInLowerCase_AndTheirNameTrimmed()
    {
        var member = new StaffMember(UserId.New(), "  Priya Shah ", "Priya.Shah@Council.GOV.uk ", TeamId.New());

        Assert.Equal("Priya Shah", member.DisplayName);
        Assert.Equal("priya.shah@council.gov.uk", member.Email);
        Assert.True(member.IsActive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ALocalityWithoutAName_IsRefused(string? name)
    {
        var problem = Assert.Throws<BusinessRuleException>(() => new LocalityArea(LocalityId.New(), name!));

        Assert.Equal("Name is required.", problem.Message);
    }

    [Fact]
    public void AnAgencyNameLongerThanAllowed_IsRefused()
    {
        Assert.Throws<BusinessRuleException>(() => new Agency(AgencyId.New(), new string('a', Agency.NameMaxLength + 1), AgencyKind.Police));
        Assert.Equal(Agency.NameMaxLength, new Agency(AgencyId.New(), new string('a', Agency.NameMaxLength), AgencyKind.Police).Name.Length);
    }

    [Fact]
    public void AnApiKey_CanBeRevokedOnce_AndKeepsWhenAndByWhom()
    {
        var key = new PartnerApiKey(ApiKeyId.New(), AgencyId.New(), "Feed", "abcdef0123", new string('0', 64));
        var at = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
        var by = UserId.New();

        key.Revoke(at, by);

        Assert.True(key.IsRevoked);
        Assert.Equal((at, by), (key.RevokedAt!.Value, key.RevokedBy!.Value));
        Assert.Throws<BusinessRuleException>(() => key.Revoke(at.AddHours(1), by));
        Assert.Equal(at, key.RevokedAt);
    }

    [Fact]
    public void Ids_AreVersion7_AndEachIsGreaterThanTheOneBefore_EvenWithinAMillisecond()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => OrderedGuid.New()).ToList();

        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Contains(id.ToString()[19], "89ab"));
        Assert.Equal(ids, ids.Order().ToList());
        Assert.Equal(ids.Select(i => i.ToString()), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
