using HallBoard.Features.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace HallBoard.Features.Account;

/// <summary>
/// Every gate in front of pages, endpoints and the hub, in one place. A gate is either a role list
/// (pages: <c>[Authorize(Roles = Policies.X)]</c>; endpoints: <c>.RequireRoles(Policies.X)</c>; services re-check
/// with <c>actor.RequireRole(Policies.RolesOf(Policies.X))</c>) or a named policy registered by
/// <see cref="AddHallPolicies"/> (<see cref="Hub"/>, <see cref="Integration"/>). The role sets at the end are what
/// services check for a single move (who publishes, who plans …), not gates.
/// </summary>
public static class Policies
{
    /// <summary>Named policy of the live hub: a signed-in person or an API key.</summary>
    public const string Hub = "HallLive";

    /// <summary>Named policy of the integration API: an API key only.</summary>
    public const string Integration = "Integration";

    /// <summary>Everyone who works tickets and records (every role but wall screens and the bureau).</summary>
    public const string Staff = Roles.Staff;

    public const string AuditReaders = $"{Roles.Admin},{Roles.HallLead}";

    /// <summary>Wall screens, and the people who look at one.</summary>
    public const string WallViewers = $"{Roles.Display},{Roles.HallLead},{Roles.Admin}";

    /// <summary>The ticket export, service reports, trainings and improvement lists.</summary>
    public const string ReportReaders = $"{Roles.Manager},{Roles.HallLead},{Roles.Admin}";

    /// <summary>Service reports' pages and workbooks: report readers, and the bureau for the halls it supervises.</summary>
    public const string ServiceReportViewers = $"{ReportReaders},{Roles.Bureau}";

    public const string DashboardReaders = $"{Roles.Manager},{Roles.HallLead},{Roles.Admin},{Roles.Bureau}";

    public const string AnalysisReaders = $"{Roles.Manager},{Roles.HallLead}";

    public const string KnowledgeReaders = $"{Roles.Engineer},{Roles.HallLead},{Roles.Manager}";

    /// <summary>Difficult problems: knowledge readers, and the bureau that answers in their discussion.</summary>
    public const string ProblemReaders = $"{KnowledgeReaders},{Roles.Bureau}";

    /// <summary>Who reads incidents and their reports: staff, and the bureau for the halls it supervises.</summary>
    public const string IncidentReaders = $"{Roles.Staff},{Roles.Bureau}";

    /// <summary>Who answers an escalation addressed to the hall lead.</summary>
    public const string EscalationAnswerers = $"{Roles.HallLead},{Roles.Manager},{Roles.Admin}";

    /// <summary>Who lists open escalations: the answerers, and the bureau for escalations to it.</summary>
    public const string EscalationViewers = $"{EscalationAnswerers},{Roles.Bureau}";

    /// <summary>Who moves taxpayer feedback through its steps.</summary>
    public const string FeedbackHandlers = $"{Roles.HallLead},{Roles.Manager},{Roles.Admin}";

    public const string BureauTaskReaders = $"{Roles.Staff},{Roles.Bureau}";

    public const string StaffingEditors = $"{Roles.HallLead},{Roles.Manager},{Roles.Admin}";

    public const string LeaveApprovers = $"{Roles.HallLead},{Roles.Manager}";

    /// <summary>Transfers: staffing editors request them, the bureau consents.</summary>
    public const string TransferViewers = $"{StaffingEditors},{Roles.Bureau}";

    /// <summary>Who writes knowledge drafts: the knowledge readers, and Admin, who sees every hall.</summary>
    public static readonly string[] KnowledgeAuthors = [Roles.Engineer, Roles.HallLead, Roles.Manager, Roles.Admin];

    /// <summary>Publishing and retiring articles is for HallLead and above; engineers draft.</summary>
    public static readonly string[] KnowledgePublishers = Roles.LeadRoles;

    /// <summary>Any staff member declares a major incident and records its handling.</summary>
    public static readonly string[] IncidentDeclarers = Roles.StaffRoles;

    /// <summary>Closing a major incident is for HallLead and above.</summary>
    public static readonly string[] IncidentClosers = Roles.LeadRoles;

    /// <summary>Everyone on the staff reads trainings and signs people in.</summary>
    public static readonly string[] TrainingReaders = Roles.StaffRoles;

    /// <summary>HallLead and above plan and finish trainings, set the survey and write the conclusion.</summary>
    public static readonly string[] TrainingPlanners = Roles.LeadRoles;

    /// <summary>Who maintains the hall's guidance list (the page shows the editor to these roles).</summary>
    public static readonly string[] GuidanceEditors = [Roles.HallLead, Roles.Admin];

    /// <summary>Who works tickets at all (intake, moves, rating links, guidance outcomes): the staff, and an API key through
    /// the integration API. Which move each may make is the ticket's own rule (TicketMoves).</summary>
    public static readonly string[] TicketWriters = [.. Roles.StaffRoles, ApiKeyAuthentication.IntegrationRole];

    /// <summary>Who reads and adds attachments: everyone who works records (not wall screens, not API keys); each removes
    /// their own.</summary>
    public static readonly string[] AttachmentUsers = Roles.StaffRoles;

    /// <summary>HallLead and above also remove attachments others uploaded.</summary>
    public static readonly string[] AttachmentRemovers = Roles.LeadRoles;

    /// <summary>Who reads the roster and the on-call list and asks for leave: engineers and the staffing editors.
    /// Editing them, the staffing overview and requesting transfers are for <see cref="StaffingEditors"/>, approving
    /// leave for <see cref="LeaveApprovers"/>, consenting to transfers also for the bureau (<see cref="TransferViewers"/>).</summary>
    public static readonly string[] RosterReaders = [Roles.Engineer, Roles.HallLead, Roles.Manager, Roles.Admin];

    /// <summary>Writes and carries out an incident's improvement plan: the hall lead and the ops manager (and Admin).</summary>
    public static readonly string[] ImprovementPlanWriters = Roles.LeadRoles;

    /// <summary>Enters the bureau's opinion on an improvement plan: the bureau itself, or a lead recording what it said.</summary>
    public static readonly string[] ImprovementPlanOpinionGivers = [.. Roles.LeadRoles, Roles.Bureau];

    /// <summary>The roles of a role-list gate, for services that check the actor again.</summary>
    public static string[] RolesOf(string gate) => gate.Split(',');

    /// <summary>The endpoint's gate is a role list, checked exactly as a page's <c>[Authorize(Roles = …)]</c>.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, string gate) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(new AuthorizeAttribute { Roles = gate });

    public static IServiceCollection AddHallPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Hub, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(Integration, p => p
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireRole(ApiKeyAuthentication.IntegrationRole));
        return services;
    }
}
