/**
 * Name material for demo individuals: common names of each naming culture, with their
 * spelling in the original script and a second romanisation where lists often carry one.
 * Names are combined at random, so records are fictitious even when a combination exists.
 */

/** [romanised, original script, other romanisation or null] */
export type WrittenName = readonly [latin: string, native: string, variant: string | null];

export const RUSSIAN = {
  /** Male forms; the female form adds -a / -а. */
  surnames: [
    ['Ivanov', 'Иванов'], ['Petrov', 'Петров'], ['Smirnov', 'Смирнов'], ['Kuznetsov', 'Кузнецов'], ['Popov', 'Попов'],
    ['Sokolov', 'Соколов'], ['Volkov', 'Волков'], ['Morozov', 'Морозов'], ['Novikov', 'Новиков'], ['Fedorov', 'Федоров'],
    ['Orlov', 'Орлов'], ['Zaitsev', 'Зайцев'], ['Pavlov', 'Павлов'], ['Semenov', 'Семенов'], ['Egorov', 'Егоров'],
    ['Kozlov', 'Козлов'], ['Lebedev', 'Лебедев'], ['Belov', 'Белов'], ['Gusev', 'Гусев'], ['Vinogradov', 'Виноградов'],
    ['Tarasov', 'Тарасов'], ['Karpov', 'Карпов'], ['Nikitin', 'Никитин'], ['Zakharov', 'Захаров'], ['Borisov', 'Борисов'],
    ['Gromov', 'Громов'], ['Frolov', 'Фролов'], ['Denisov', 'Денисов'], ['Kiselev', 'Киселев'], ['Tikhonov', 'Тихонов'],
    ['Belyaev', 'Беляев'], ['Sorokin', 'Сорокин'], ['Golubev', 'Голубев'], ['Makarov', 'Макаров'], ['Polyakov', 'Поляков'],
    ['Filippov', 'Филиппов'], ['Bogdanov', 'Богданов'], ['Komarov', 'Комаров'], ['Zhukov', 'Жуков'], ['Kovalev', 'Ковалев'],
  ] as const,
  /** [name, Cyrillic, variant, patronymic stem, Cyrillic patronymic stem]: stem + -ich / -na. */
  maleGiven: [
    ['Sergei', 'Сергей', 'Sergey', 'Sergeev', 'Сергеев'], ['Aleksandr', 'Александр', 'Alexander', 'Aleksandrov', 'Александров'],
    ['Dmitry', 'Дмитрий', 'Dmitri', 'Dmitriev', 'Дмитриев'], ['Andrei', 'Андрей', 'Andrey', 'Andreev', 'Андреев'],
    ['Aleksei', 'Алексей', 'Alexey', 'Alekseev', 'Алексеев'], ['Mikhail', 'Михаил', 'Michail', 'Mikhailov', 'Михайлов'],
    ['Nikolai', 'Николай', 'Nikolay', 'Nikolaev', 'Николаев'], ['Vladimir', 'Владимир', 'Wladimir', 'Vladimirov', 'Владимиров'],
    ['Igor', 'Игорь', null, 'Igorev', 'Игорев'], ['Oleg', 'Олег', null, 'Olegov', 'Олегов'],
    ['Yuri', 'Юрий', 'Iouri', 'Yuriev', 'Юрьев'], ['Pavel', 'Павел', 'Paul', 'Pavlov', 'Павлов'],
    ['Viktor', 'Виктор', 'Victor', 'Viktorov', 'Викторов'], ['Maksim', 'Максим', 'Maxim', 'Maksimov', 'Максимов'],
    ['Roman', 'Роман', null, 'Romanov', 'Романов'], ['Konstantin', 'Константин', 'Constantin', 'Konstantinov', 'Константинов'],
    ['Evgeny', 'Евгений', 'Yevgeniy', 'Evgeniev', 'Евгеньев'], ['Vadim', 'Вадим', null, 'Vadimov', 'Вадимов'],
    ['Anatoly', 'Анатолий', 'Anatoliy', 'Anatoliev', 'Анатольев'], ['Petr', 'Петр', 'Pyotr', 'Petrov', 'Петров'],
    ['Boris', 'Борис', null, 'Borisov', 'Борисов'], ['Gennady', 'Геннадий', 'Gennadiy', 'Gennadiev', 'Геннадьев'],
  ] as const,
  femaleGiven: [
    ['Elena', 'Елена', 'Yelena'], ['Olga', 'Ольга', null], ['Natalia', 'Наталья', 'Natalya'], ['Irina', 'Ирина', null],
    ['Tatiana', 'Татьяна', 'Tatyana'], ['Svetlana', 'Светлана', null], ['Anna', 'Анна', null], ['Yulia', 'Юлия', 'Julia'],
    ['Maria', 'Мария', null], ['Ekaterina', 'Екатерина', 'Yekaterina'], ['Marina', 'Марина', null], ['Oksana', 'Оксана', null],
  ] as const satisfies readonly WrittenName[],
};

export const ARABIC = {
  maleGiven: [
    ['Muhammad', 'محمد', 'Mohammed'], ['Ahmad', 'أحمد', 'Ahmed'], ['Ali', 'علي', null], ['Hassan', 'حسن', 'Hasan'],
    ['Hussein', 'حسين', 'Husayn'], ['Omar', 'عمر', 'Umar'], ['Khalid', 'خالد', 'Khaled'], ['Abdullah', 'عبد الله', 'Abdallah'],
    ['Ibrahim', 'إبراهيم', 'Ebrahim'], ['Yusuf', 'يوسف', 'Youssef'], ['Mahmoud', 'محمود', 'Mahmud'], ['Mustafa', 'مصطفى', 'Moustafa'],
    ['Hamza', 'حمزة', 'Hamzah'], ['Salim', 'سالم', 'Salem'], ['Tariq', 'طارق', 'Tarek'], ['Faisal', 'فيصل', 'Faysal'],
    ['Nasser', 'ناصر', 'Nasir'], ['Saeed', 'سعيد', 'Said'], ['Karim', 'كريم', 'Kareem'], ['Walid', 'وليد', 'Waleed'],
    ['Abd al-Rahman', 'عبد الرحمن', 'Abdulrahman'], ['Jamal', 'جمال', 'Gamal'], ['Majid', 'ماجد', 'Maged'], ['Adnan', 'عدنان', null],
  ] as const satisfies readonly WrittenName[],
  femaleGiven: [
    ['Fatima', 'فاطمة', 'Fatma'], ['Aisha', 'عائشة', 'Aysha'], ['Mariam', 'مريم', 'Maryam'], ['Layla', 'ليلى', 'Leila'],
    ['Zainab', 'زينب', 'Zaynab'], ['Huda', 'هدى', 'Hoda'], ['Samira', 'سميرة', null],
  ] as const satisfies readonly WrittenName[],
  families: [
    ['al-Zahrani', 'الزهراني'], ['al-Shammari', 'الشمري'], ['Haddad', 'حداد'], ['Khalil', 'خليل'], ['Mansour', 'منصور'],
    ['al-Amin', 'الأمين'], ['Qasim', 'قاسم'], ['al-Hashimi', 'الهاشمي'], ['Saleh', 'صالح'], ['Darwish', 'درويش'],
    ['Hamdan', 'حمدان'], ['Abboud', 'عبود'], ['Jaber', 'جابر'], ['al-Kubaisi', 'الكبيسي'], ['Azzam', 'عزام'],
    ['al-Obeidi', 'العبيدي'], ['Nassif', 'ناصيف'], ['Shahin', 'شاهين'], ['al-Juburi', 'الجبوري'], ['al-Khatib', 'الخطيب'],
    ['Younes', 'يونس'], ['Hammoud', 'حمود'],
  ] as const,
  /** The nisba a nickname takes from a nationality ("Abu Omar al-Shami"). */
  nisbas: { SY: 'al-Shami', IQ: 'al-Iraqi', YE: 'al-Yemeni', EG: 'al-Masri', LB: 'al-Lubnani', JO: 'al-Urduni', SA: 'al-Najdi', AE: 'al-Emarati', KW: 'al-Kuwaiti' } as Readonly<Record<string, string>>,
};

export const PERSIAN = {
  maleGiven: [
    ['Mohammad', 'محمد', 'Mohammed'], ['Ali', 'علی', null], ['Reza', 'رضا', null], ['Hossein', 'حسین', 'Hosein'],
    ['Mehdi', 'مهدی', 'Mahdi'], ['Hamid', 'حمید', null], ['Saeed', 'سعید', 'Said'], ['Amir', 'امیر', null],
    ['Behzad', 'بهزاد', null], ['Farhad', 'فرهاد', null], ['Majid', 'مجید', null], ['Javad', 'جواد', null],
    ['Masoud', 'مسعود', 'Massoud'], ['Abbas', 'عباس', null], ['Morteza', 'مرتضی', 'Mortaza'], ['Kamran', 'کامران', null],
    ['Mohsen', 'محسن', null], ['Alireza', 'علیرضا', 'Ali Reza'], ['Gholamreza', 'غلامرضا', 'Gholam Reza'],
  ] as const satisfies readonly WrittenName[],
  femaleGiven: [
    ['Maryam', 'مریم', 'Mariam'], ['Zahra', 'زهرا', null], ['Fatemeh', 'فاطمه', 'Fatima'], ['Nasrin', 'نسرین', null],
    ['Shirin', 'شیرین', null],
  ] as const satisfies readonly WrittenName[],
  surnames: [
    ['Ahmadi', 'احمدی'], ['Hosseini', 'حسینی'], ['Karimi', 'کریمی'], ['Rezaei', 'رضایی'], ['Mohammadi', 'محمدی'],
    ['Moradi', 'مرادی'], ['Hashemi', 'هاشمی'], ['Jafari', 'جعفری'], ['Rahimi', 'رحیمی'], ['Sadeghi', 'صادقی'],
    ['Ghorbani', 'قربانی'], ['Bagheri', 'باقری'], ['Tehrani', 'تهرانی'], ['Shirazi', 'شیرازی'], ['Esfahani', 'اصفهانی'],
    ['Najafi', 'نجفی'], ['Kazemi', 'کاظمی'], ['Azizi', 'عزیزی'], ['Ebrahimi', 'ابراهیمی'], ['Mousavi', 'موسوی'],
    ['Sharifi', 'شریفی'], ['Rostami', 'رستمی'], ['Nazari', 'نظری'], ['Asadi', 'اسدی'], ['Kamali', 'کمالی'],
  ] as const,
};

export const CHINESE = {
  /** [pinyin, Han, Cantonese romanisation (Hong Kong)] */
  surnames: [
    ['Wang', '王', 'Wong'], ['Li', '李', 'Lee'], ['Zhang', '张', 'Cheung'], ['Liu', '刘', 'Lau'], ['Chen', '陈', 'Chan'],
    ['Yang', '杨', 'Yeung'], ['Huang', '黄', 'Wong'], ['Zhao', '赵', 'Chiu'], ['Wu', '吴', 'Ng'], ['Zhou', '周', 'Chow'],
    ['Xu', '徐', 'Tsui'], ['Sun', '孙', 'Suen'], ['Ma', '马', 'Ma'], ['Zhu', '朱', 'Chu'], ['Guo', '郭', 'Kwok'],
    ['He', '何', 'Ho'], ['Lin', '林', 'Lam'], ['Gao', '高', 'Ko'], ['Luo', '罗', 'Law'], ['Zheng', '郑', 'Cheng'],
    ['Liang', '梁', 'Leung'], ['Xie', '谢', 'Tse'], ['Tang', '唐', 'Tong'], ['Feng', '冯', 'Fung'],
  ] as const satisfies readonly WrittenName[],
  maleGiven: [
    ['Jianguo', '建国'], ['Xiaoming', '小明'], ['Weidong', '卫东'], ['Haitao', '海涛'], ['Zhiqiang', '志强'], ['Jianhua', '建华'],
    ['Yonggang', '永刚'], ['Guoqiang', '国强'], ['Wei', '伟'], ['Jun', '军'], ['Lei', '磊'], ['Peng', '鹏'], ['Ming', '明'],
    ['Tao', '涛'], ['Hui', '辉'], ['Xin', '鑫'], ['Hao', '浩'], ['Chao', '超'], ['Zhiwei', '志伟'], ['Jiahui', '嘉辉'],
  ] as const,
  femaleGiven: [
    ['Lihua', '丽华'], ['Xiaohong', '晓红'], ['Hongmei', '红梅'], ['Fang', '芳'], ['Jing', '静'], ['Yan', '燕'], ['Ying', '英'],
  ] as const,
  /** English given names taken for business abroad. */
  englishMale: ['David', 'Michael', 'Kevin', 'Jason', 'Tony', 'Eric', 'Jack', 'Frank', 'Steven', 'Alan'],
  englishFemale: ['Lily', 'Linda', 'Cindy', 'Grace', 'Helen'],
};

export const KOREAN = {
  /** [DPRK romanisation, Hangul, South Korean spelling] */
  surnames: [
    ['Kim', '김', 'Gim'], ['Ri', '리', 'Lee'], ['Pak', '박', 'Park'], ['Choe', '최', 'Choi'], ['Jong', '정', 'Chong'],
    ['Kang', '강', null], ['Han', '한', null], ['O', '오', 'Oh'], ['Ryu', '류', 'Yu'], ['Jang', '장', 'Chang'],
    ['Yun', '윤', 'Yoon'], ['Sin', '신', 'Shin'], ['Hwang', '황', null], ['Kwon', '권', null], ['Mun', '문', 'Moon'],
    ['Jo', '조', 'Cho'], ['Son', '손', 'Sohn'], ['Paek', '백', 'Baek'],
  ] as const satisfies readonly WrittenName[],
  maleGiven: [
    ['Chol Su', '철수'], ['Myong Ho', '명호'], ['Song Il', '성일'], ['Kwang Chol', '광철'], ['Yong Nam', '영남'],
    ['Hyok Chol', '혁철'], ['Il Nam', '일남'], ['Jong Hun', '정훈'], ['Chun Sik', '춘식'], ['Sok Chol', '석철'],
    ['Yong Ho', '용호'], ['Chang Ho', '창호'], ['Su Gil', '수길'], ['Hak Chol', '학철'], ['Un Chol', '은철'],
  ] as const,
  femaleGiven: [['Kyong Hui', '경희'], ['Sun Ok', '순옥'], ['Myong Suk', '명숙'], ['Yong Ae', '영애'], ['Hye Gyong', '혜경']] as const,
};

export const SPANISH = {
  maleGiven: ['Carlos', 'José', 'Luis', 'Miguel', 'Jorge', 'Juan Carlos', 'Alejandro', 'Fernando', 'Ricardo', 'Diego', 'Rafael', 'Héctor', 'Óscar', 'Andrés', 'Julio César'],
  femaleGiven: ['María Fernanda', 'Ana María', 'Carmen', 'Gabriela', 'Luz Marina', 'Yolanda'],
  surnames: [
    'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores',
    'Rivera', 'Gómez', 'Díaz', 'Castillo', 'Mendoza', 'Vargas', 'Rojas', 'Quintero', 'Salazar', 'Cárdenas', 'Ortega',
    'Medina', 'Herrera', 'Aguilar',
  ],
  maleNicknames: ['El Flaco', 'El Gordo', 'El Ingeniero', 'El Contador', 'El Señor', 'El Güero', 'El Chino', 'El Compadre'],
  femaleNicknames: ['La Jefa', 'La Güera', 'La Señora'],
};

export const TURKISH = {
  maleGiven: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Emre', 'Serkan', 'Burak', 'Kemal', 'Osman', 'Yusuf', 'Cem'],
  femaleGiven: ['Ayşe', 'Fatma', 'Zeynep', 'Elif', 'Emine'],
  surnames: [
    'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan',
    'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek',
  ],
};

export const EUROPEAN = {
  maleGiven: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Peter', 'Martin', 'Alexander', 'Daniel', 'Christian', 'Nikolaos'],
  femaleGiven: ['Anna', 'Maria', 'Katarina', 'Petra', 'Elena'],
  /** [surname, country it is typical of] */
  surnames: [
    ['Müller', 'DE'], ['Schmidt', 'DE'], ['Weber', 'DE'], ['Becker', 'DE'], ['Bauer', 'AT'], ['Rossi', 'IT'], ['Bianchi', 'IT'],
    ['de Vries', 'NL'], ['Jansen', 'NL'], ['Papadopoulos', 'GR'], ['Georgiou', 'CY'], ['Novák', 'CZ'], ['Kowalski', 'PL'],
    ['Lindqvist', 'SE'],
  ] as const,
};
