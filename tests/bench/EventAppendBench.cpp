// Event log throughput: how many domain events per second the engine persists, committed one
// per transaction (the common case: one API call, one change) and 100 per transaction, beside
// a bare prepared INSERT into the same table in the same run as the reference.
// Usage: bench_event_append [postgresql://...]   (default: SQLite in a temp dir)
#include "core/Clock.h"
#include "core/EventBus.h"
#include "storage/Database.h"
#include "storage/WriteTransaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

using namespace botbat;

namespace {

double perSecond(qint64 count, qint64 nanoseconds)
{
    return nanoseconds > 0 ? count * 1e9 / static_cast<double>(nanoseconds) : 0.0;
}

double measureTransactions(Database &database, EventBus &bus, const Clock &clock, int transactions,
                           int eventsPerTransaction)
{
    const QJsonObject data{{QStringLiteral("id"), 42},
                           {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                           {QStringLiteral("email"), QStringLiteral("ada@example.com")}};
    QElapsedTimer timer;
    timer.start();
    for (int t = 0; t < transactions; ++t) {
        WriteTransaction tx(database, &bus, clock);
        QString error;
        if (!tx.begin(&error))
            qFatal("%s", qPrintable(error));
        for (int e = 0; e < eventsPerTransaction; ++e)
            if (!tx.recordEvent(EventType::ContactUpdated, data, &error))
                qFatal("%s", qPrintable(error));
        if (!tx.commit(&error))
            qFatal("%s", qPrintable(error));
    }
    return perSecond(static_cast<qint64>(transactions) * eventsPerTransaction, timer.nsecsElapsed());
}

double measureBareInserts(Database &database, int count)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO events (type, occurred_at, data) VALUES (?, ?, ?)"));
    const QString data = QStringLiteral(R"({"email":"ada@example.com","id":42,"name":"Ada Lovelace"})");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        query.bindValue(0, QStringLiteral("contact.updated"));
        query.bindValue(1, QDateTime::currentMSecsSinceEpoch());
        query.bindValue(2, data);
        if (!query.exec())
            qFatal("bare insert failed");
    }
    return perSecond(count, timer.nsecsElapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString spec = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : dir.filePath(QStringLiteral("bench.db"));
    QString error;
    const auto config = DatabaseConfig::parse(spec, {}, &error);
    if (!config)
        qFatal("%s", qPrintable(error));
    Database database(*config);
    if (!database.open(&error))
        qFatal("%s", qPrintable(error));
    EventBus bus;
    SystemClock clock;
    constexpr int kSingle = 5000;
    const double bare = measureBareInserts(database, kSingle);
    const double single = measureTransactions(database, bus, clock, kSingle, 1);
    const double batched = measureTransactions(database, bus, clock, 200, 100);
    QTextStream out(stdout);
    out << "backend: " << config->backendName() << "\n";
    out << "bare autocommit INSERT (reference): " << qRound(bare) << " rows/s\n";
    out << "1 event per transaction:            " << qRound(single) << " events/s ("
        << QString::number(single / bare, 'f', 2) << "x reference)\n";
    out << "100 events per transaction:         " << qRound(batched) << " events/s ("
        << QString::number(batched / bare, 'f', 2) << "x reference)\n";
    database.closeThreadConnection();
    return 0;
}
