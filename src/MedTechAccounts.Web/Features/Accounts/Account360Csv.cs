using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Accounts;

/// <summary>The account page's CSV downloads: the interaction timeline and the influence map, all rows.</summary>
public static class Account360Csv
{
    public static CsvDownload Timeline(InteractionTimeline.Result timeline) =>
        CsvDownload.Of(FileName("interactions", timeline.AccountId), timeline.Interactions.Items,
            new CsvColumn<InteractionTimeline.Row>("OccurredAt", r => r.OccurredAt),
            new CsvColumn<InteractionTimeline.Row>("Type", r => Words.Of(r.Type)),
            new CsvColumn<InteractionTimeline.Row>("By", r => r.RepName),
            new CsvColumn<InteractionTimeline.Row>("Contacts", r => string.Join("; ", r.Contacts.Select(c => c.Name))),
            new CsvColumn<InteractionTimeline.Row>("Sentiment", r => r.Sentiment),
            new CsvColumn<InteractionTimeline.Row>("Notes", r => r.Notes),
            new CsvColumn<InteractionTimeline.Row>("VoiceOfCustomer", r => r.VoiceOfCustomer),
            new CsvColumn<InteractionTimeline.Row>("NextStep", r => r.NextStep),
            new CsvColumn<InteractionTimeline.Row>("NextStepDue", r => r.NextStepDue),
            new CsvColumn<InteractionTimeline.Row>("NextStepDoneAt", r => r.NextStepDoneAt),
            new CsvColumn<InteractionTimeline.Row>("Source", r => Words.Of(r.Source)),
            new CsvColumn<InteractionTimeline.Row>("InteractionId", r => r.Id.ToString()));

    public static CsvDownload Influence(Guid accountId, InfluenceMap.Result map) =>
        CsvDownload.Of(FileName("influence-map", accountId), map.Contacts,
            new CsvColumn<InfluenceMap.ContactRow>("Contact", r => r.Name),
            new CsvColumn<InfluenceMap.ContactRow>("Title", r => r.Title),
            new CsvColumn<InfluenceMap.ContactRow>("Role", r => Words.Of(r.Role)),
            new CsvColumn<InfluenceMap.ContactRow>("Influence", r => Words.Of(r.Influence)),
            new CsvColumn<InfluenceMap.ContactRow>("Coverage", r => Words.Of(r.Coverage)),
            new CsvColumn<InfluenceMap.ContactRow>("MetBy", r => string.Join("; ", r.MetBy.Select(p => p.Name))),
            new CsvColumn<InfluenceMap.ContactRow>("MeetingsSince", _ => map.Since),
            new CsvColumn<InfluenceMap.ContactRow>("Meetings", r => r.Meetings),
            new CsvColumn<InfluenceMap.ContactRow>("LastMet", r => r.LastMet),
            new CsvColumn<InfluenceMap.ContactRow>("ContactId", r => r.Id.ToString()));

    private static string FileName(string what, Guid accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}-{accountId:N}.csv");
}
