<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="94"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="130"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="132"/>
        <source>Subtotal {amount}</source>
        <translation>Suma {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="135"/>
        <source>saved {amount}</source>
        <translation>oszczędność {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="137"/>
        <source>provisional points: {points}</source>
        <translation>wstępnie {points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="33"/>
        <source>Group: {name}</source>
        <translation>Grupa: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="34"/>
        <source>Daily limit: {used} of {limit} used</source>
        <translation>Limit dzienny: wykorzystano {used} z {limit}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="35"/>
        <source>Limited by the customer&apos;s discount allowance</source>
        <translation>Ograniczony pulą rabatu klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="36"/>
        <source>Discount: {name}</source>
        <translation>Rabat: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="37"/>
        <source>Voucher {code}</source>
        <translation>Voucher {code}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="38"/>
        <source>Promotional credits</source>
        <translation>Kredyty promocyjne</translation>
    </message>
</context>
<context>
    <name>BillsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="85"/>
        <source>Today&apos;s bills</source>
        <translation>Dzisiejsze rachunki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="91"/>
        <source>(voided)</source>
        <translation>(anulowany)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="101"/>
        <source>Reason for a void</source>
        <translation>Powód anulowania</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="105"/>
        <source>Reprint</source>
        <translation>Drukuj ponownie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="108"/>
        <source>Void (manager)</source>
        <translation>Anuluj rachunek (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="112"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="137"/>
        <source>This bill is already voided.</source>
        <translation>Ten rachunek jest już anulowany.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="140"/>
        <source>Give a reason for the void.</source>
        <translation>Podaj powód anulowania.</translation>
    </message>
</context>
<context>
    <name>CardNumberDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="109"/>
        <source>Card number</source>
        <translation>Numer karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="116"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="116"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>CustomerSearchDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="39"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="47"/>
        <source>Name, phone or e-mail</source>
        <translation>Imię i nazwisko, telefon lub e-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="59"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="63"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="95"/>
        <source>(deactivated)</source>
        <translation>(dezaktywowany)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="99"/>
        <source>{count} found</source>
        <translation>Znaleziono: {count}</translation>
    </message>
</context>
<context>
    <name>CustomerStrip</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="151"/>
        <source>Remove customer</source>
        <translation>Usuń klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="158"/>
        <source>No customer — tap a card or press Customer</source>
        <translation>Brak klienta — przyłóż kartę lub naciśnij Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="163"/>
        <source>group {name}</source>
        <translation>grupa {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="164"/>
        <source>credits {amount}</source>
        <translation>kredyty {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="165"/>
        <source>wallet {amount}</source>
        <translation>portfel {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="166"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="171"/>
        <source>limit left today {amount}</source>
        <translation>dziś pozostało z limitu {amount}</translation>
    </message>
</context>
<context>
    <name>DiscountsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="32"/>
        <source>Discounts</source>
        <translation>Rabaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="38"/>
        <source>capped by the daily limit</source>
        <translation>ograniczony limitem dziennym</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="39"/>
        <source>capped by the customer&apos;s allowance</source>
        <translation>ograniczony pulą rabatu klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="40"/>
        <source>capped at what was left to pay</source>
        <translation>ograniczony do kwoty do zapłaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="41"/>
        <source>capped at the lines it covers</source>
        <translation>ograniczony do objętych pozycji</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="45"/>
        <source>on {base}</source>
        <translation>od {base}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="50"/>
        <source> (was {amount})</source>
        <translation> (było {amount})</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="55"/>
        <source>removed by the cashier</source>
        <translation>usunięty przez kasjera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="58"/>
        <source>not applied: {reason}</source>
        <translation>nie naliczono: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="65"/>
        <source>No discounts on this bill.</source>
        <translation>Brak rabatów na tym rachunku.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="67"/>
        <source>Restore credits</source>
        <translation>Przywróć kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="67"/>
        <source>Remove credits</source>
        <translation>Usuń kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="74"/>
        <source>Lift the daily limit for this bill (manager)</source>
        <translation>Znieś limit dzienny dla tego rachunku (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="78"/>
        <source>Discount on the whole bill:</source>
        <translation>Rabat na cały rachunek:</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="82"/>
        <source>None</source>
        <translation>Brak</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="90"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="96"/>
        <source>unknown code</source>
        <translation>nieznany kod</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="97"/>
        <source>already used</source>
        <translation>już wykorzystany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="98"/>
        <source>cancelled</source>
        <translation>anulowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="99"/>
        <source>not valid yet</source>
        <translation>jeszcze nieważny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="100"/>
        <source>expired</source>
        <translation>przeterminowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="101"/>
        <source>belongs to another customer</source>
        <translation>należy do innego klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="102"/>
        <source>already on this bill</source>
        <translation>już jest na tym rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="103"/>
        <source>the bill is below its minimum</source>
        <translation>rachunek poniżej minimalnej kwoty</translation>
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
    <name>LoginView</name>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="32"/>
        <source>{terminal}: enter your PIN</source>
        <translation>{terminal}: wpisz PIN</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="49"/>
        <source>Sign in</source>
        <translation>Zaloguj</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="39"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="40"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="41"/>
        <source>Name the bill</source>
        <translation>Nazwa rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="42"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="43"/>
        <source>The terminal could not start:
{error}</source>
        <translation>Nie udało się uruchomić terminala:
{error}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="42"/>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="48"/>
        <location filename="../../pos_terminal/ui/main_window.py" line="102"/>
        <source>{terminal} · cashier {cashier}</source>
        <translation>{terminal} · kasjer {cashier}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="50"/>
        <source>Reader: none</source>
        <translation>Czytnik: brak</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="81"/>
        <source>CRM: offline since {time}</source>
        <translation>CRM: offline od {time}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="84"/>
        <source>CRM: not configured</source>
        <translation>CRM: nieskonfigurowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="85"/>
        <source>CRM: connecting…</source>
        <translation>CRM: łączenie…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="86"/>
        <source>CRM: online</source>
        <translation>CRM: online</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="89"/>
        <source>{count} waiting</source>
        <translation>oczekuje {count}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="92"/>
        <source>clock off by {minutes} min</source>
        <translation>zegar przesunięty o {minutes} min</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="107"/>
        <source>connected</source>
        <translation>podłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="108"/>
        <source>unplugged</source>
        <translation>odłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="109"/>
        <source>no permission</source>
        <translation>brak uprawnień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="110"/>
        <source>library missing</source>
        <translation>brak biblioteki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="112"/>
        <source>Reader: {state}</source>
        <translation>Czytnik: {state}</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="58"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="60"/>
        <source>A manager&apos;s PIN is needed to {action}.</source>
        <translation>Aby {action}, potrzebny jest PIN kierownika.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="69"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="69"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>MenuDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="31"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="34"/>
        <source>Today&apos;s bills (reprint, void)</source>
        <translation>Dzisiejsze rachunki (duplikat, anulowanie)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="35"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="36"/>
        <source>Close the shift (Z report)</source>
        <translation>Zamknij zmianę (raport Z)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="37"/>
        <source>Settings (manager)</source>
        <translation>Ustawienia (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="38"/>
        <source>Sign out</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="44"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="93"/>
        <source>Wrong PIN</source>
        <translation>Nieprawidłowy PIN</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="95"/>
        <source>Only a manager may do this.</source>
        <translation>Tylko kierownik może to zrobić.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="100"/>
        <source>A name is required.</source>
        <translation>Imię i nazwisko jest wymagane.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="101"/>
        <source>Not a phone number (e.g. 601 234 567).</source>
        <translation>To nie jest numer telefonu (np. 601 234 567).</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="102"/>
        <source>Not an e-mail address (e.g. jan@example.pl).</source>
        <translation>To nie jest adres e-mail (np. jan@example.pl).</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="103"/>
        <source>Not a valid NIP (10 digits, check digit).</source>
        <translation>Nieprawidłowy NIP (10 cyfr, cyfra kontrolna).</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="104"/>
        <source>This group is not known on the terminal.</source>
        <translation>Ta grupa nie jest znana na tym terminalu.</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="73"/>
        <location filename="../../pos_terminal/ui/login_view.py" line="85"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="75"/>
        <source>{name}, count the cash float in the drawer:</source>
        <translation>{name}, policz pogotowie kasowe w szufladzie:</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="101"/>
        <source>The float cannot be negative</source>
        <translation>Pogotowie kasowe nie może być ujemne</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="103"/>
        <source>Open shift with {amount}</source>
        <translation>Otwórz zmianę z kwotą {amount}</translation>
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
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="105"/>
        <source>Type an amount like 12,50</source>
        <translation>Wpisz kwotę, np. 12,50</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="112"/>
        <source>The amount must be above zero</source>
        <translation>Kwota musi być większa od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="116"/>
        <source>Card and wallet cannot pay more than is due; change comes from cash</source>
        <translation>Karta i portfel nie mogą przekroczyć kwoty do zapłaty; reszta tylko z gotówki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="122"/>
        <source>The wallet holds only {amount}</source>
        <translation>W portfelu jest tylko {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="150"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="152"/>
        <source>cash</source>
        <translation>gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="152"/>
        <source>card</source>
        <translation>karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="153"/>
        <source>wallet</source>
        <translation>portfel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="155"/>
        <source>Paid: {list}</source>
        <translation>Zapłacono: {list}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="158"/>
        <source>Remaining: {amount}</source>
        <translation>Pozostało: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="162"/>
        <source>Change: {amount}</source>
        <translation>Reszta: {amount}</translation>
    </message>
</context>
<context>
    <name>QuickAddDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="44"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="53"/>
        <source>Name *</source>
        <translation>Imię i nazwisko *</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="54"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="55"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="56"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="57"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="76"/>
        <source>Group</source>
        <translation>Grupa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="79"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="79"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="97"/>
        <source>No group</source>
        <translation>Bez grupy</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="151"/>
        <source>Z report</source>
        <translation>Raport Z</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="151"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="156"/>
        <source>group</source>
        <translation>grupa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="157"/>
        <source>manual</source>
        <translation>ręczny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="158"/>
        <source>voucher</source>
        <translation>voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="161"/>
        <source>Shift of</source>
        <translation>Zmiana</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="162"/>
        <source>Cash float</source>
        <translation>Pogotowie kasowe</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="163"/>
        <source>Bills</source>
        <translation>Rachunki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="164"/>
        <source>Voided</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="165"/>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="168"/>
        <source>Discounts: {source}</source>
        <translation>Rabaty: {source}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="173"/>
        <source>Credits used</source>
        <translation>Wykorzystane kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="174"/>
        <source>Net sales</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="175"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="176"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="177"/>
        <source>Wallet</source>
        <translation>Portfel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="178"/>
        <source>Change given</source>
        <translation>Wydana reszta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="179"/>
        <source>Expected cash in drawer</source>
        <translation>Gotówka w szufladzie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="180"/>
        <source>Points issued</source>
        <translation>Przyznane punkty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="181"/>
        <source>Credits issued</source>
        <translation>Przyznane kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="191"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="194"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="189"/>
        <source>Receipt {number} closed: {amount}</source>
        <translation>Paragon {number} zamknięty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="166"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="167"/>
        <source>Card no.</source>
        <translation>Nr karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="168"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="169"/>
        <location filename="../../pos_terminal/ui/sale_view.py" line="284"/>
        <source>Remove credits</source>
        <translation>Usuń kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="170"/>
        <source>Discounts</source>
        <translation>Rabaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="179"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="196"/>
        <source>Printed: {where}</source>
        <translation>Wydrukowano: {where}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="253"/>
        <source>Bill</source>
        <translation>Rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="259"/>
        <source>+ New bill</source>
        <translation>+ Nowy rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="263"/>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="269"/>
        <source>Simulate card tap</source>
        <translation>Symuluj przyłożenie karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="273"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="284"/>
        <source>Restore credits</source>
        <translation>Przywróć kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="295"/>
        <source>Unknown card {code}.</source>
        <translation>Nieznana karta {code}.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="296"/>
        <source>The card of {name} is blocked.</source>
        <translation>Karta klienta {name} jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="297"/>
        <source>The card of {name} has expired.</source>
        <translation>Karta klienta {name} straciła ważność.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="299"/>
        <source>This read fits several cards; ask for the card number.</source>
        <translation>Odczyt pasuje do kilku kart; poproś o numer karty.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="301"/>
        <source>The reader sent something that is not a card.</source>
        <translation>Czytnik odczytał coś, co nie jest kartą.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="302"/>
        <source>{name} is deactivated.</source>
        <translation>Konto klienta {name} jest dezaktywowane.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="303"/>
        <source>This customer is not on this terminal.</source>
        <translation>Tego klienta nie ma na tym terminalu.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="308"/>
        <source>Unknown card {code}. Give it to a customer?</source>
        <translation>Nieznana karta {code}. Przypisać ją klientowi?</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="310"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="311"/>
        <source>Existing customer</source>
        <translation>Istniejący klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="313"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="322"/>
        <source>Replace {old} with {new} on this bill?</source>
        <translation>Zamienić klienta {old} na {new} w tym rachunku?</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="325"/>
        <source>Replace</source>
        <translation>Zamień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="326"/>
        <source>Keep</source>
        <translation>Zostaw</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="208"/>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="210"/>
        <source>Language of the terminal (after a restart):</source>
        <translation>Język terminala (po ponownym uruchomieniu):</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="218"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>ShiftMenu</name>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="132"/>
        <source>see the X report</source>
        <translation>zobaczyć raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="138"/>
        <source>close the shift</source>
        <translation>zamknąć zmianę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="140"/>
        <source>change settings</source>
        <translation>zmienić ustawienia</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="160"/>
        <source>The language changes at the next start of the terminal.</source>
        <translation>Język zmieni się przy następnym uruchomieniu terminala.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="179"/>
        <source>lift the daily limit</source>
        <translation>znieść limit dzienny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="197"/>
        <source>{name} is not a manager.</source>
        <translation>{name} nie jest kierownikiem.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="226"/>
        <location filename="../../pos_terminal/ui/session.py" line="237"/>
        <source>Printed: {where}</source>
        <translation>Wydrukowano: {where}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="242"/>
        <source>void a bill</source>
        <translation>anulować rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/session.py" line="245"/>
        <source>The bill was voided.</source>
        <translation>Rachunek anulowano.</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="222"/>
        <source>Name the bill</source>
        <translation>Nazwa rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="230"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="245"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="251"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
</context>
</TS>
