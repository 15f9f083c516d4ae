#pragma once

#include "integrations/IntegrationSummary.h"

#include <QIcon>

namespace botbat {

// The console's hand-made SVG icons (resources/icons), compiled into botbat_ui.
class Icons
{
public:
    // botbat_ui is a static library: its resources must be registered explicitly, or the
    // linker drops them. Safe to call more than once.
    static void ensureLoaded();

    static QIcon app();
    static QIcon overview();
    static QIcon category(IntegrationSummary::Category category);
    static QIcon deliveryLog();
    static QIcon warning();
    static QIcon refresh();
    static QIcon add();
    static QIcon rotate();
    static QIcon revoke();
    static QIcon copy();
    static QIcon audit();
    static QIcon send();
    static QIcon edit();
    static QIcon certificate();
    static QIcon power();
    static QIcon trash();
    static QIcon reveal();
    static QIcon key();
};

} // namespace botbat
