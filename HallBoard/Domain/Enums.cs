namespace HallBoard.Domain;

public enum TicketStatus { Waiting, InProgress, Resolved, FollowedUp, Rated, Closed }

public enum Channel { ETaxWeb, MobileApp, SelfServiceTerminal, SmartAreaPc, Hotline12366, Counter, Other }

public enum Category { LoginIdentity, Filing, Invoice, Payment, SocialInsurance, IndividualIncomeTax, SystemFault, Consultation, Other }

public enum TicketKind { Consultation, Fault, Guidance, Complaint, Suggestion }

public enum Priority { Low, Normal, High, Urgent }

/// <summary>The five levels of the national government-service rating (好差评), best first.</summary>
public enum SatisfactionLevel { VerySatisfied = 5, Satisfied = 4, Basic = 3, Dissatisfied = 2, VeryDissatisfied = 1 }

public enum RatingSource { HandedTablet, OwnPhone, CallBack }

public enum FollowUpOutcome { Reached, NotReached, NotSatisfied }

public enum CloseReason { Completed, Unreachable, Declined }

public enum TicketEventKind
{
    Created, Taken, HandedOver, Resolved, Reopened, FollowUp, Rated, Closed, Commented,
    Escalated, EscalationAnswered, WaitingOnTaxpayer, Resumed, LinkedToIncident, LinkedToProblem, FeedbackReceived,
}
