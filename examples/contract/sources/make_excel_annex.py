# Writes anexo-C3-OT-2026-021.csv the way Excel (Spanish locale) saves "CSV (delimitado
# por comas)": ';' between fields, decimal comma with '.' grouping where the cell has a
# number format, Windows-1252 bytes, CRLF, title rows padded with ';' to the used width,
# quotes doubled inside quoted fields. Run from this folder: python3 make_excel_annex.py
rows = [
    ["PEMEX EXPLORACIÓN Y PRODUCCIÓN — Subdirección de Servicios a la Explotación", "", "", "", "", "", ""],
    ["Anexo C-3: Catálogo de conceptos y volúmenes autorizados — OT-2026-021 (Akal-C)", "", "", "", "", "", ""],
    ["Anexo", "Código", "Concepto", "Unidad", "Volumen proyectado", "PU MN", "PU USD"],
    ["C-3", "3.1.02", "Movilización y desmovilización de equipo de buceo a plataforma", "LOTE", "1", "185.400,00", "10.382,40"],
    ["C-3", "3.2.05", "Inspección submarina de junta soldada con partículas magnéticas", "JTA", "48", "6.318,75", "353,85"],
    ["C-3", "3.2.11", "Limpieza de incrustación marina en piernas de la plataforma", "M2", "1250,5", "742,30", "41,57"],
    ["C-3", "3.4.01", "Día de embarcación de apoyo (DSV) con equipo de buceo", "DÍA", "31", "412.980,00", "23.126,90"],
    ["C-3", "3.5.07", "Reparación de daño por corrosión con grapa mecánica de 24\" — incluye maniobras", "PZA", "3", "96.500,00", "5.404,00"],
    ["C-3", "3.6.02", "Diseño y fabricación de señalamiento de seguridad en cubierta", "PZA", "40", "1.180,00", "66,08"],
]

def cell(v):
    if any(c in v for c in ';"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v

text = "".join(";".join(cell(v) for v in r) + "\r\n" for r in rows)
with open("anexo-C3-OT-2026-021.csv", "wb") as f:
    f.write(text.encode("cp1252"))
