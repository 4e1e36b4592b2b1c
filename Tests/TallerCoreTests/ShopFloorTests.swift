import Testing

@testable import TallerCore

/// SPEC §5.6: operations timed from scanned events.
struct ShopFloorTests {
  static func at(_ text: String) -> LocalDateTime {
    do { return try LocalDateTime.parse("2026-01-26 " + text) } catch { fatalError("bad test time \(text)") }
  }

  static let workcenters = [
    Workcenter(id: "SIERRA", capacityPerCycle: Quantity(6), hoursPerCycle: dec("0.5"), setupHours: Quantity(1), cleanupHours: dec("0.5"), hoursPerDay: Quantity(8)),
    Workcenter(id: "TALADRO", hoursPerCycle: dec("0.25"), setupHours: dec("0.25"), hoursPerDay: Quantity(8)),
    Workcenter(id: "ARMADO", hoursPerCycle: dec("1.5"), hoursPerDay: Quantity(8)),
    Workcenter(id: "PINTURA"),
  ]
  static let routing = [
    RoutingStep(routing: "R-ARM", seq: 30, operation: "assembly", workcenter: "ARMADO"),
    RoutingStep(routing: "R-ARM", seq: 10, operation: "sawing", workcenter: "SIERRA"),
    RoutingStep(routing: "R-ARM", seq: 20, operation: "drilling", workcenter: "TALADRO"),
  ]
  static let orders = [
    ProductionOrder(id: "OF-1", product: "ARM100", qty: Quantity(2), routing: "R-ARM"),
    ProductionOrder(id: "OF-2", product: "ARM100", qty: Quantity(1), routing: "R-ARM"),
  ]

  static func event(_ order: String, _ wc: String, _ kind: OperationEventKind, _ time: String, line: Int = 0)
    -> OperationEvent
  {
    OperationEvent(order: order, workcenter: wc, kind: kind, at: at(time), operatorName: "ana", file: "e.csv", line: line)
  }

  static func track(_ events: [OperationEvent], asOf: LocalDateTime? = nil) -> ShopFloor {
    ShopFloor.track(
      orders: orders, events: events, catalog: nil, workcenters: workcenters, routings: routing,
      settings: TrackingSettings(asOf: asOf))
  }

  @Test func operationsComeFromTheRoutingInSeqOrderWithTheirPlannedHours() {
    let floor = Self.track([])
    let ops = floor.operations(of: 0)
    #expect(ops.map(\.step.operation) == ["sawing", "drilling", "assembly"])
    // runs 2: SIERRA ⌈2/6⌉ = 1 cycle, (1 + 0.5 + 0.5) × 1 = 2 h; TALADRO 2 cycles, 0.25 + 0.5;
    // ARMADO 2 cycles, 3 h.
    #expect(ops.map { $0.planned!.hours } == [Quantity(2), dec("0.75"), Quantity(3)])
    #expect(ops.map { $0.planned!.cycles } == [Quantity(1), Quantity(2), Quantity(2)])
    #expect(floor.orderStates == [.draft, .draft])
  }

  @Test func pausedTwiceCountsOnlyTheRunningIntervals() {
    let floor = Self.track([
      Self.event("OF-1", "SIERRA", .start, "07:00"),
      Self.event("OF-1", "SIERRA", .pause, "07:40"),
      Self.event("OF-1", "SIERRA", .restart, "07:50"),
      Self.event("OF-1", "SIERRA", .pause, "08:20"),
      Self.event("OF-1", "SIERRA", .restart, "08:50"),
      Self.event("OF-1", "SIERRA", .close, "09:05"),
    ])
    let op = floor.operations(of: 0).first!
    #expect(op.state == .done)
    #expect(op.runningSeconds == (40 + 30 + 15) * 60)
    #expect(op.pausedSeconds == (10 + 30) * 60)
    #expect(op.realHours == dec("1.4167"))  // 85 min = 1.41666… h
    #expect(op.variance == dec("-0.5833"))
    #expect(floor.orderStates[0] == .running)
  }

  @Test(arguments: [
    ([OperationEventKind.close], "close before start"),
    ([.start, .restart], "restart while running"),
    ([.start, .close, .pause], "pause after close (closed at 2026-01-26T08:01:00)"),
    ([.start, .pause, .close], "close while paused (restart it first)"),
    ([.start, .start], "start while running"),
    ([.cancel, .start], "start after cancel (cancelled at 2026-01-26T08:00:00)"),
  ])
  func impossibleEventsAreRejectedAndChangeNothing(_ kinds: [OperationEventKind], _ reason: String) {
    let events = kinds.enumerated().map { i, k in Self.event("OF-1", "TALADRO", k, "08:0\(i)", line: i + 2) }
    let floor = Self.track(events)
    #expect(floor.rejections.map(\.reason) == [reason])
    #expect(floor.rejections.map(\.event) == [kinds.count - 1])
  }

  @Test func unknownOrderAndWorkcenterOutsideTheRoutingAreRejected() {
    let floor = Self.track([
      Self.event("OF-9", "SIERRA", .start, "07:00"),
      Self.event("OF-1", "PINTURA", .start, "07:00"),
      Self.event("OF-1", "HORNO", .start, "07:00"),
      OperationEvent(order: "OF-1", workcenter: "SIERRA", kind: nil, eventText: "bailar", at: Self.at("07:00")),
    ])
    #expect(
      floor.rejections.map(\.reason) == [
        "unknown order OF-9", "workcenter PINTURA is not in the routing of order OF-1 (R-ARM)",
        "workcenter HORNO is not in workcenters",
        "unknown event \"bailar\" (start, pause, restart, close or cancel)",
      ])
  }

  @Test func theOrderIsDoneWhenItsLastOperationClosesAndMovesItsStock() throws {
    let catalog = try RecipeCatalog(products: RecipeExamples.cabinetProducts, lines: RecipeExamples.cabinetLines)
    var events: [OperationEvent] = []
    for (wc, from, to) in [("SIERRA", "07:00", "09:00"), ("TALADRO", "09:00", "09:45"), ("ARMADO", "10:00", "13:00")] {
      events.append(Self.event("OF-2", wc, .start, from))
      events.append(Self.event("OF-2", wc, .close, to))
    }
    let floor = ShopFloor.track(
      orders: [ProductionOrder(id: "OF-2", product: "ARM100", qty: Quantity(1), routing: "R-ARM")], events: events,
      catalog: catalog, workcenters: Self.workcenters, routings: Self.routing)
    #expect(floor.orderStates == [.done])
    #expect(floor.orderDone == [Self.at("13:00")])
    let moves = try floor.moves(catalog: catalog)
    #expect(moves.first.map { ($0.product, $0.qty, $0.isLine) } ?? ("", .zero, false) == ("ARM100", Quantity(1), true))
    #expect(moves.dropFirst().allSatisfy { $0.qty.isNegative && !$0.isLine })
    #expect(moves.contains { $0.product == "TAQ000" && $0.qty == Quantity(-12) })
  }

  static func describe(_ rejections: [EventRejection], of events: [OperationEvent]) -> [String] {
    rejections.map { r -> String in
      let e = events[r.event]
      return "\(e.order) \(e.workcenter) \(e.at) \(r.reason)"
    }.sorted()
  }

  /// Events in any file order give the same operations (ties keep file order).
  @Test func shuffledEventsGiveTheSameResult() {
    var events: [OperationEvent] = []
    for (o, wc) in [("OF-1", "SIERRA"), ("OF-1", "ARMADO"), ("OF-2", "TALADRO")] {
      for (k, t) in [(OperationEventKind.start, "07:00"), (.pause, "08:00"), (.restart, "08:30"), (.close, "09:15"), (.pause, "09:20")] {
        events.append(Self.event(o, wc, k, t))
      }
    }
    events.append(Self.event("OF-2", "SIERRA", .close, "06:00"))
    let reference = Self.track(events)
    var generator = SplitMix64(seed: 12)
    for _ in 0..<20 {
      let shuffled = events.shuffled(using: &generator)
      let floor = Self.track(shuffled)
      #expect(floor.operations == reference.operations)
      #expect(floor.orderStates == reference.orderStates)
      #expect(floor.workcenterDays == reference.workcenterDays)
      #expect(Self.describe(floor.rejections, of: shuffled) == Self.describe(reference.rejections, of: events))
    }
  }

  @Test func openIntervalsCountUpToAsOfAndLaterEventsAreRejected() {
    let floor = Self.track(
      [Self.event("OF-1", "SIERRA", .start, "07:00"), Self.event("OF-1", "SIERRA", .close, "12:00")],
      asOf: Self.at("08:30"))
    #expect(floor.operations(of: 0).first!.runningSeconds == 5_400)
    #expect(floor.rejections.map(\.reason) == ["after --as-of 2026-01-26T08:30:00"])
  }

  @Test func workcenterDaysSplitAtMidnight() {
    let floor = ShopFloor.track(
      orders: Self.orders,
      events: [
        OperationEvent(order: "OF-1", workcenter: "SIERRA", kind: .start, at: Self.at("22:00")),
        OperationEvent(order: "OF-1", workcenter: "SIERRA", kind: .close, at: (try? LocalDateTime.parse("2026-01-27 02:00"))!),
      ], catalog: nil, workcenters: Self.workcenters, routings: Self.routing)
    #expect(floor.workcenterDays.map(\.runningSeconds) == [7_200, 7_200])
    #expect(floor.workcenterDays.map { $0.utilization } == [dec("25"), dec("25")])
  }

  @Test(arguments: [
    ("start", OperationEventKind.start), ("Iniciar", .start), ("inicio", .start), ("PAUSA", .pause), ("pausar", .pause),
    ("reiniciar", .restart), ("Reanudar", .restart), ("cerrar", .close), ("terminar", .close), ("cancelar", .cancel),
    ("Начало операции", .start), ("Приостановка", .pause), ("Перезапуск", .restart), ("Завершение операции", .close),
    ("Отмена", .cancel),
  ])
  func eventNames(_ text: String, _ kind: OperationEventKind) {
    #expect(OperationEventKind(parsing: text) == kind)
  }
}
