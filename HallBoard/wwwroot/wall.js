// Keeps a wall screen up with nobody to touch it. Blazor finds the layout's element with the id
// "components-reconnect-modal" and, instead of its own dialog, only sets classes on it and raises
// "components-reconnect-state-changed". This script turns that into a small "已断开 自 hh:mm" mark and,
// whatever Blazor's own retries are doing, asks /healthz every 2 s while disconnected: once the server
// answers, the page reloads and shows fresh data (after a restart the old circuit is gone anyway).
const mark = document.getElementById("components-reconnect-modal");
const probeEveryMs = 2000;
const keepAliveEveryMs = 30 * 60 * 1000;

if (mark && !window.hallWallWatching) {
    window.hallWallWatching = true;
    const zone = mark.dataset.zone || "Asia/Shanghai";
    const hhmm = new Intl.DateTimeFormat("zh-CN", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    let probe = null;
    let reloading = false;

    const reload = () => {
        if (reloading) return;
        reloading = true;
        location.reload();
    };

    const probeOnce = async () => {
        try {
            const answer = await fetch("/healthz", { cache: "no-store" });
            if (answer.ok) reload();
        } catch {
            // still away
        }
    };

    const showStale = () => {
        if (!mark.dataset.since) {
            mark.dataset.since = hhmm.format(new Date());
            mark.textContent = `已断开 自 ${mark.dataset.since}`;
        }
        probe ??= setInterval(probeOnce, probeEveryMs);
    };

    const clearStale = () => {
        clearInterval(probe);
        probe = null;
        delete mark.dataset.since;
        mark.textContent = "";
    };

    mark.addEventListener("components-reconnect-state-changed", event => {
        switch (event.detail?.state) {
            case "hide":
                clearStale();
                break;
            case "rejected":
                // The server answered but no longer knows this screen (it restarted): start afresh.
                showStale();
                reload();
                break;
            default: // show, retrying, failed, paused, resume-failed
                showStale();
                break;
        }
    });

    // The sign-in slides on only with requests; a wall makes none for weeks unless asked to.
    setInterval(() => fetch("/wall/keepalive", { cache: "no-store" }).catch(() => { }), keepAliveEveryMs);
}
