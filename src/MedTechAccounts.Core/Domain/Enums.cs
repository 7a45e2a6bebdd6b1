namespace MedTechAccounts.Core.Domain;

public enum AccountSegment { Academic, Community, ASC, Clinic }
public enum AccountStatus { Prospect, Customer, Lost }
public enum ContactRole { Clinician, Nursing, Biomed, Purchasing, Executive, IT }
public enum ContactInfluence { DecisionMaker, Influencer, User }
public enum ContactChannel { Email, Phone, InPerson, Text }
public enum ProductCategory { Capital, Consumable, ServiceContract, Software }
public enum DeviceStatus { Active, Decommissioned, Replaced, LostToCompetitor }
public enum IncidentSeverity { Critical, Major, Minor }
public enum IncidentStatus { Open, Responded, Resolved }
public enum InteractionType { Visit, Call, Email, InServiceTraining, BusinessReview, IncidentFollowUp, Demo }
public enum InteractionSource { Web, Tablet, Api }
public enum OrderType { Capital, Consumable, ServiceRenewal }
public enum TargetScope { Company, Region, Territory, Rep, ProductFamily }
public enum EngagementTaskStatus { Open, Done, Dismissed }
public enum RiskTier { Healthy, Watch, AtRisk }

public enum Playbook
{
    PostSaleCheckIn,
    MultiThreadRelationship,
    ExecutiveBusinessReview,
    ServiceRecoveryCall,
    ContractRenewalConversation,
    ReplacementPlanning,
    ValueReviewInsteadOfDiscount,

    /// <summary>Product answered a problem the customer stated: the rep tells them they were heard.</summary>
    TellCustomerProductHeard,
}
