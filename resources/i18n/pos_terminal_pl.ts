<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="93"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="132"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="134"/>
        <source>Subtotal {amount}</source>
        <translation>Suma {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="137"/>
        <source>saved {amount}</source>
        <translation>oszczędność {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="139"/>
        <source>provisional points: {points}</source>
        <translation>wstępnie {points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="32"/>
        <source>Group: {name}</source>
        <translation>Grupa: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="33"/>
        <source>Daily limit: {used} of {limit} used</source>
        <translation>Limit dzienny: wykorzystano {used} z {limit}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="34"/>
        <source>Limited by the customer&apos;s discount allowance</source>
        <translation>Ograniczony pulą rabatu klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="35"/>
        <source>Discount: {name}</source>
        <translation>Rabat: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="36"/>
        <source>Voucher {code}</source>
        <translation>Voucher {code}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="37"/>
        <source>Promotional credits</source>
        <translation>Kredyty promocyjne</translation>
    </message>
</context>
<context>
    <name>CardNumberDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="107"/>
        <source>Card number</source>
        <translation>Numer karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="114"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="114"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>CustomerSearchDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="38"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="46"/>
        <source>Name, phone or e-mail</source>
        <translation>Imię i nazwisko, telefon lub e-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="58"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="62"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="93"/>
        <source>(deactivated)</source>
        <translation>(dezaktywowany)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="97"/>
        <source>{count} found</source>
        <translation>Znaleziono: {count}</translation>
    </message>
</context>
<context>
    <name>CustomerStrip</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="153"/>
        <source>Remove customer</source>
        <translation>Usuń klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="160"/>
        <source>No customer — tap a card or press Customer</source>
        <translation>Brak klienta — przyłóż kartę lub naciśnij Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="165"/>
        <source>group {name}</source>
        <translation>grupa {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="166"/>
        <source>credits {amount}</source>
        <translation>kredyty {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="167"/>
        <source>wallet {amount}</source>
        <translation>portfel {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="168"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="173"/>
        <source>limit left today {amount}</source>
        <translation>dziś pozostało z limitu {amount}</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../pos_terminal/ui/keypad.py" line="68"/>
        <source>space</source>
        <translation>spacja</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="38"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="39"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="40"/>
        <source>The terminal could not start:
{error}</source>
        <translation>Nie udało się uruchomić terminala:
{error}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="29"/>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="32"/>
        <source>{terminal} · cashier {cashier}</source>
        <translation>{terminal} · kasjer {cashier}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="34"/>
        <source>Reader: none</source>
        <translation>Czytnik: brak</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="36"/>
        <source>CRM: not configured</source>
        <translation>CRM: nieskonfigurowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="47"/>
        <source>connected</source>
        <translation>podłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="48"/>
        <source>unplugged</source>
        <translation>odłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="49"/>
        <source>no permission</source>
        <translation>brak uprawnień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="50"/>
        <source>library missing</source>
        <translation>brak biblioteki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="52"/>
        <source>Reader: {state}</source>
        <translation>Czytnik: {state}</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="28"/>
        <source>Payment</source>
        <translation>Płatność</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="49"/>
        <source>Clear payments</source>
        <translation>Wyczyść płatności</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="51"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="53"/>
        <source>Finish</source>
        <translation>Zakończ</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="65"/>
        <source>Exact</source>
        <translation>Odliczone</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="75"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="76"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="78"/>
        <source>Wallet ({amount})</source>
        <translation>Portfel ({amount})</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="128"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="130"/>
        <source>cash</source>
        <translation>gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="130"/>
        <source>card</source>
        <translation>karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="131"/>
        <source>wallet</source>
        <translation>portfel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="133"/>
        <source>Paid: {list}</source>
        <translation>Zapłacono: {list}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="136"/>
        <source>Remaining: {amount}</source>
        <translation>Pozostało: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="140"/>
        <source>Change: {amount}</source>
        <translation>Reszta: {amount}</translation>
    </message>
</context>
<context>
    <name>QuickAddDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="43"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="52"/>
        <source>Name *</source>
        <translation>Imię i nazwisko *</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="53"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="54"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="55"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="56"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="75"/>
        <source>Group</source>
        <translation>Grupa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="78"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="96"/>
        <source>No group</source>
        <translation>Bez grupy</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="154"/>
        <source>Receipt {number} closed: {amount}</source>
        <translation>Paragon {number} zamknięty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="165"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="166"/>
        <source>Card no.</source>
        <translation>Nr karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="167"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="168"/>
        <location filename="../../pos_terminal/ui/sale_view.py" line="259"/>
        <source>Remove credits</source>
        <translation>Usuń kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="177"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="187"/>
        <source>Printed: {where}</source>
        <translation>Wydrukowano: {where}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="236"/>
        <source>Bill</source>
        <translation>Rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="242"/>
        <source>+ New bill</source>
        <translation>+ Nowy rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="248"/>
        <source>Simulate card tap</source>
        <translation>Symuluj przyłożenie karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="259"/>
        <source>Restore credits</source>
        <translation>Przywróć kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="270"/>
        <source>Unknown card {code}.</source>
        <translation>Nieznana karta {code}.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="271"/>
        <source>The card of {name} is blocked.</source>
        <translation>Karta klienta {name} jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="272"/>
        <source>The card of {name} has expired.</source>
        <translation>Karta klienta {name} straciła ważność.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="274"/>
        <source>This read fits several cards; ask for the card number.</source>
        <translation>Odczyt pasuje do kilku kart; poproś o numer karty.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="276"/>
        <source>The reader sent something that is not a card.</source>
        <translation>Czytnik odczytał coś, co nie jest kartą.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="277"/>
        <source>{name} is deactivated.</source>
        <translation>Konto klienta {name} jest dezaktywowane.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="278"/>
        <source>This customer is not on this terminal.</source>
        <translation>Tego klienta nie ma na tym terminalu.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="283"/>
        <source>Unknown card {code}. Give it to a customer?</source>
        <translation>Nieznana karta {code}. Przypisać ją klientowi?</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="285"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="286"/>
        <source>Existing customer</source>
        <translation>Istniejący klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="288"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="297"/>
        <source>Replace {old} with {new} on this bill?</source>
        <translation>Zamienić klienta {old} na {new} w tym rachunku?</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="300"/>
        <source>Replace</source>
        <translation>Zamień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="301"/>
        <source>Keep</source>
        <translation>Zostaw</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="148"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="154"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
</context>
</TS>
