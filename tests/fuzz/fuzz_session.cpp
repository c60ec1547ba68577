// libFuzzer harness: a saved session (File ▸ Open session), as written by other versions or by strangers. A session
// either is refused with core::Error naming the field, or reads into a state that writes back to text which reads
// again to the same text (what the window restores is exactly what the file said).
#include "core/common/error.h"
#include "ui/session_file/session_state.h"

#include <QCoreApplication>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv); // QString/QDir need no event loop, but some Qt paths ask for the app
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    ui::SessionState state;
    try {
        state = ui::SessionState::fromJsonText(text, "session.json");
    } catch (const core::Error&) {
        return 0;
    }
    const std::string written = state.toJsonText();
    try {
        if (ui::SessionState::fromJsonText(written, "session.json").toJsonText() != written)
            __builtin_trap(); // a state that does not survive its own save
    } catch (const core::Error&) {
        __builtin_trap(); // we wrote a session we refuse to read
    }
    return 0;
}
