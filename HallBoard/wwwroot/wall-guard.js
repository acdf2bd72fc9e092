// Kept in a file, not inline, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
    window.hallWallStartGuard ??= setInterval(async () => {
        if (window.hallWallWatching) { clearInterval(window.hallWallStartGuard); return; }
        try { if ((await fetch("/healthz", { cache: "no-store" })).ok) location.reload(); } catch { }
    }, 15000);
