using HallBoard.Hosting;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Feedback;

/// <summary>Limits how often one address may submit from the public feedback pages.</summary>
public sealed class FeedbackThrottle(IOptions<FeedbackOptions> options)
    : AddressThrottle(options.Value.PublicPermitLimit, options.Value.PublicWindowMinutes);
