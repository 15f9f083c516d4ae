#pragma once

#include "Conversation.h"
#include "ConversationInput.h"
#include "DomainContext.h"
#include "DomainResult.h"
#include "Page.h"
#include "PageQuery.h"

#include <QSqlDatabase>

namespace botbat {

template<typename T> class DomainTable;

// The conversations part of the domain (see Domain for the contract of each operation).
class Conversations
{
public:
    explicit Conversations(const DomainContext &context);

    DomainResult<Conversation> create(const ConversationInput &input);
    DomainResult<Conversation> close(qint64 id);
    DomainResult<Conversation> get(qint64 id) const;
    DomainResult<Page<Conversation>> list(const PageQuery &page,
                                          std::optional<qint64> contactId) const;

    // The conversation with this id, or none; *error is set only when the query failed.
    static std::optional<Conversation> find(QSqlDatabase &db, qint64 id, bool lock, QString *error);
    // The conversations table, for the parts of the domain that look conversations up.
    static const DomainTable<Conversation> &table();

private:
    const DomainContext &m_context;
};

} // namespace botbat
