namespace MedTechAccounts.Core.Features.Common;

/// <summary>
/// The rules about who holds a relationship that more than one feature reads: the influence map's "met by one person
/// only" and the departure exposure's sole contacts use the same window.
/// </summary>
public static class RelationshipRules
{
    /// <summary>A contact counts as met by the people who were at an interaction with them in this many days.</summary>
    public const int MetWindowDays = 365;
}
