using System.ComponentModel.DataAnnotations;

namespace MedTechAccounts.Core.Domain;

// The Display names are the words people read (Words.Of); the member names stay the codes of the API,
// the interchange files and the database.

public enum AccountSegment
{
    [Display(Name = "Academic")] Academic,
    [Display(Name = "Community")] Community,
    [Display(Name = "Surgery center (ASC)")] ASC,
    [Display(Name = "Clinic")] Clinic,
}

public enum AccountStatus
{
    [Display(Name = "Prospect")] Prospect,
    [Display(Name = "Customer")] Customer,
    [Display(Name = "Lost")] Lost,
}

public enum ContactRole
{
    [Display(Name = "Clinician")] Clinician,
    [Display(Name = "Nursing")] Nursing,
    [Display(Name = "Biomedical engineering")] Biomed,
    [Display(Name = "Purchasing")] Purchasing,
    [Display(Name = "Executive")] Executive,
    [Display(Name = "IT")] IT,
}

public enum ContactInfluence
{
    [Display(Name = "Decision maker")] DecisionMaker,
    [Display(Name = "Influencer")] Influencer,
    [Display(Name = "User")] User,
}

public enum ContactChannel
{
    [Display(Name = "E-mail")] Email,
    [Display(Name = "Phone")] Phone,
    [Display(Name = "In person")] InPerson,
    [Display(Name = "Text message")] Text,
}

public enum ProductCategory
{
    [Display(Name = "Capital")] Capital,
    [Display(Name = "Consumable")] Consumable,
    [Display(Name = "Service contract")] ServiceContract,
    [Display(Name = "Software")] Software,
}

public enum DeviceStatus
{
    [Display(Name = "Active")] Active,
    [Display(Name = "Decommissioned")] Decommissioned,
    [Display(Name = "Replaced")] Replaced,
    [Display(Name = "Lost to a competitor")] LostToCompetitor,
}

public enum IncidentSeverity
{
    [Display(Name = "Critical")] Critical,
    [Display(Name = "Major")] Major,
    [Display(Name = "Minor")] Minor,
}

public enum IncidentStatus
{
    [Display(Name = "Open")] Open,
    [Display(Name = "Responded")] Responded,
    [Display(Name = "Resolved")] Resolved,
}

public enum InteractionType
{
    [Display(Name = "Visit")] Visit,
    [Display(Name = "Call")] Call,
    [Display(Name = "E-mail")] Email,
    [Display(Name = "In-service training")] InServiceTraining,
    [Display(Name = "Business review")] BusinessReview,
    [Display(Name = "Incident follow-up")] IncidentFollowUp,
    [Display(Name = "Demo")] Demo,
}

public enum InteractionSource
{
    [Display(Name = "Web")] Web,
    [Display(Name = "Tablet")] Tablet,
    [Display(Name = "API")] Api,
}

public enum OrderType
{
    [Display(Name = "Capital")] Capital,
    [Display(Name = "Consumable")] Consumable,
    [Display(Name = "Service renewal")] ServiceRenewal,
}

public enum TargetScope
{
    [Display(Name = "Company")] Company,
    [Display(Name = "Region")] Region,
    [Display(Name = "Territory")] Territory,
    [Display(Name = "Rep")] Rep,
    [Display(Name = "Product family")] ProductFamily,
}

public enum EngagementTaskStatus
{
    [Display(Name = "Open")] Open,
    [Display(Name = "Done")] Done,
    [Display(Name = "Dismissed")] Dismissed,
}

public enum RiskTier
{
    [Display(Name = "Healthy")] Healthy,
    [Display(Name = "Watch")] Watch,
    [Display(Name = "At risk")] AtRisk,
}

public enum Playbook
{
    [Display(Name = "Post-sale check-in")] PostSaleCheckIn,
    [Display(Name = "Multi-thread the relationship")] MultiThreadRelationship,
    [Display(Name = "Executive business review")] ExecutiveBusinessReview,
    [Display(Name = "Service recovery call")] ServiceRecoveryCall,
    [Display(Name = "Contract renewal conversation")] ContractRenewalConversation,
    [Display(Name = "Replacement planning")] ReplacementPlanning,
    [Display(Name = "Value review instead of a discount")] ValueReviewInsteadOfDiscount,

    /// <summary>Product answered a problem the customer stated: the rep tells them they were heard.</summary>
    [Display(Name = "Tell the customer product heard them")] TellCustomerProductHeard,
}
