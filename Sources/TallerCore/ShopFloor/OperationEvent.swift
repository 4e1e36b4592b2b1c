/// What a scan says happened to an operation (seed 003, "events and barcodes").
public enum OperationEventKind: String, Sendable, CaseIterable {
  case start, pause, restart, close, cancel

  /// The English name, the Spanish ones the plant uses, or the seed's Russian
  /// ones (Начало, Приостановка, Перезапуск, Завершение, Отмена — with or without
  /// "операции"); any case, accents optional.
  public init?(parsing text: String) {
    if let plain = OperationEventKind(rawValue: text) {  // the scanner's own codes: no folding
      self = plain
      return
    }
    var t = NameFolding.fold(text.trimmingASCIISpaces()).lowercased()
    for suffix in [" операции", " operation", " operacion", " de operacion"] where t.hasSuffix(suffix) {
      t.removeLast(suffix.count)
    }
    switch t {
    case "start", "starting", "iniciar", "inicio", "comenzar", "начало", "начать", "старт": self = .start
    case "pause", "pausing", "pausa", "pausar", "приостановка", "приостановить", "пауза": self = .pause
    case "restart", "restarting", "resume", "reiniciar", "reanudar", "reinicio", "перезапуск", "перезапустить":
      self = .restart
    case "close", "closing", "done", "cerrar", "terminar", "termino", "fin", "завершение", "завершить", "окончание":
      self = .close
    case "cancel", "canceling", "cancelling", "cancelar", "отмена", "отменить": self = .cancel
    default: return nil
    }
  }
}

/// One scanned event: the order's barcode, the workcenter's, the event's (seed 003:
/// "scan in this order: the production order, the workcenter used, the event code").
public struct OperationEvent: Sendable, Equatable {
  public var order: String
  public var workcenter: String
  /// nil: the event code was not understood (`eventText` keeps what was scanned).
  public var kind: OperationEventKind?
  public var eventText: String
  public var at: LocalDateTime
  public var operatorName: String
  public var file: String
  public var line: Int

  public init(
    order: String, workcenter: String, kind: OperationEventKind?, eventText: String = "", at: LocalDateTime,
    operatorName: String = "", file: String = "", line: Int = 0
  ) {
    self.order = order
    self.workcenter = workcenter
    self.kind = kind
    self.eventText = eventText.isEmpty ? (kind?.rawValue ?? "") : eventText
    self.at = at
    self.operatorName = operatorName
    self.file = file
    self.line = line
  }
}

/// A production order on the shop floor (a planned order of schedule-mrp, or the
/// plant's own): `order, product, qty, start_date`, and optionally its routing and
/// the warehouse its stock moves use.
public struct ProductionOrder: Sendable, Equatable {
  public var id: String
  public var product: ProductCode
  public var qty: Quantity
  public var startDate: LocalDate?
  /// nil: the product's routing (or, without a catalogue, a routing named as the product).
  public var routing: String?
  public var warehouse: Warehouse?
  public var file: String
  public var line: Int

  public init(
    id: String, product: ProductCode, qty: Quantity, startDate: LocalDate? = nil, routing: String? = nil,
    warehouse: Warehouse? = nil, file: String = "", line: Int = 0
  ) {
    self.id = id
    self.product = product
    self.qty = qty
    self.startDate = startDate
    self.routing = routing
    self.warehouse = warehouse
    self.file = file
    self.line = line
  }
}

/// The state of an operation (OpenERP's work order: draft, in progress, paused, done, cancelled).
public enum OperationState: String, Sendable {
  case draft, running, paused, done, cancelled
}

/// The state of a production order on the shop floor.
public enum OrderState: String, Sendable {
  /// No operation started yet.
  case draft
  /// From the first start until the last operation closes.
  case running
  /// Every operation closed (or cancelled, at least one closed).
  case done
  /// Every operation cancelled.
  case cancelled
  /// The order has no operations to track (see its finding).
  case unplanned
}

/// An event that could not be applied, and why.
public struct EventRejection: Sendable, Equatable {
  /// Index of the event in the input.
  public var event: Int
  public var reason: String

  public init(event: Int, reason: String) {
    self.event = event
    self.reason = reason
  }
}

/// Something about an order or a routing that leaves it without operations (or an
/// operation without planned hours): reported with the row's place, never silent.
public struct ShopFloorFinding: Sendable, Equatable {
  public var message: String
  public var file: String
  public var line: Int

  public init(_ message: String, file: String, line: Int) {
    self.message = message
    self.file = file
    self.line = line
  }
}
