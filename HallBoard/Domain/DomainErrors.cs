namespace HallBoard.Domain;

/// <summary>Base of every error a user can act on; its message is shown as is.</summary>
public abstract class HallBoardException(string message) : Exception(message);

public enum TicketRule
{
    IllegalTransition,
    ResolutionRequired,
    ReasonRequired,
    NotAssignee,
    SameAssignee,
    AlreadyRated,
    NotReadyToClose,
    TextTooLong,
    MarkupRefused,
}

/// <summary>A ticket refused a move; <see cref="Rule"/> says which rule.</summary>
public sealed class TicketRuleException(TicketRule rule, string message) : HallBoardException(message)
{
    public TicketRule Rule { get; } = rule;
}

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : HallBoardException(string.Join("；", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class ConcurrencyConflictException()
    : HallBoardException("该工单已被他人修改，请刷新后再试。");

public sealed class NotFoundException(string message) : HallBoardException(message);

public sealed class ForbiddenException(string message) : HallBoardException(message);

public sealed class BusyException() : HallBoardException("系统繁忙，请稍后重试。");

/// <summary>The change clashes with a record that already exists (a unique rule), e.g. a second rating of one ticket.</summary>
public sealed class DuplicateException(string message) : HallBoardException(message);
