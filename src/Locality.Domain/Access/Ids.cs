using Locality.Domain.Common;

namespace Locality.Domain.Access;

public readonly record struct BreakGlassGrantId(Guid Value)
{
    public static BreakGlassGrantId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct ConsentRecordId(Guid Value)
{
    public static ConsentRecordId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct LawfulBasisId(Guid Value)
{
    public static LawfulBasisId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct SharingAgreementId(Guid Value)
{
    public static SharingAgreementId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct SharingAgreementVersionId(Guid Value)
{
    public static SharingAgreementVersionId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
